class NoStoreForPersonalPagesMiddleware:
    """Pages shown to a logged-in user may hold personal data: tell browsers and proxies not to
    keep them (shared computers in a neighbourhood centre, the back button after logout)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store, private"
        return response
