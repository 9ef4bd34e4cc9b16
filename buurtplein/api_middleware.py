"""What the project adds around every API v3 request (see ApiMiddleware)."""

from django.http import HttpRequest, HttpResponse

from buurtplein import api_hardening as hardening


class ApiMiddleware:
    """The API's own rules around Wagtail's API v3 (``buurtplein/api_hardening.py``).

    Before the view: a bearer token that does not resolve is a 401; query
    values and JSON bodies that Wagtail would turn into a 500 are a 400/422;
    a token's page list is kept to the requested site. After it: database
    errors of a write become a ProblemDetail (``process_exception``), links
    start at the public origin, GETs get ``Cache-Control``, ``Vary``, a
    strong ``ETag`` and a 304 for a matching ``If-None-Match``.

    Sits after AuthenticationMiddleware; the API itself ignores sessions.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        from wagtail.api.v3.urls import api

        hardening.install_openapi(api)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if path.startswith(hardening.API_PREFIX):
            early = (
                hardening.token_problem(request)
                or hardening.query_problem(request)
                or hardening.path_problem(request)
                or hardening.body_problem(request)
                or (
                    hardening.scope_token_page_list(request)
                    if hardening.is_token_page_list(request)
                    else None
                )
            )
            if early is not None:
                return hardening.finish(request, early)
        elif not path.startswith(hardening.CACHEABLE_PREFIXES):
            return self.get_response(request)
        return hardening.finish(request, self.get_response(request))

    def process_exception(self, request: HttpRequest, exception: Exception):
        if request.path.startswith(hardening.API_PREFIX):
            return hardening.exception_problem(request, exception)
        return None
