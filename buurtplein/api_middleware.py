"""What the project adds around every API v3 request (see ApiMiddleware)."""


class ApiMiddleware:
    """Placeholder: answers nothing itself yet."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
