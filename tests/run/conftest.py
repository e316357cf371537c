from tests.httpserver import http_server

__all__ = ["http_server"]
