"""The search API: /api/v1/search, /api/v1/search/prior-cases and /api/v1/cases/{uuid}/similar."""
