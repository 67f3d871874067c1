"""Views of the talent bank, one module per part: `residents` (list, detail, create, edit,
coach), `intake`, `consent`, `barriers`, `sensitive` (sensitive notes) and `talents` (the
vocabulary). Later parts (search, self-service, import) get their own modules."""
