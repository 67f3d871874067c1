"""Views of the talent bank, one module per part: `residents` (list, detail, create, edit,
coach), `intake`, `consent`, `barriers`, `sensitive` (sensitive notes) and `talents` (the
vocabulary). Later parts get their own modules: self-service is `registration`, `mydata`,
`public_profiles` and `erasure_requests`."""


def posted(request):
    """The POST data, or None for a GET: an empty POST (every box unticked) is still a submit."""
    return request.POST if request.method == "POST" else None
