"""The board's views: public pages, partners' pages, moderation, help requests."""
