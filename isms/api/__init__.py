"""The read-only JSON API (DRF + drf-spectacular): personal tokens, endpoints under the tenancy of access.py."""
