"""REST API (NL API Design Rules) and its OpenAPI document, and the API's request limits."""

from proeftuin.core.env import env

API_VERSION = "1.0.0"
MB = 1024 * 1024

API_MAX_BODY_BYTES = env(
    "API_MAX_BODY_BYTES",
    default=2 * MB,
    cast=int,
    help="Largest JSON request body the API reads, in bytes; larger ones get 413.",
)
API_MAX_UPLOAD_BYTES = env(
    "API_MAX_UPLOAD_BYTES",
    default=101 * MB,
    cast=int,
    help="Largest multipart (document upload) request body the API accepts, in bytes; "
    "larger ones get 413 before anything is read.",
)
API_MAX_QUERY_STRING = env(
    "API_MAX_QUERY_STRING",
    default=8000,
    cast=int,
    help="Longest query string the API accepts, in characters; longer ones get 414.",
)
API_MAX_JSON_DEPTH = env(
    "API_MAX_JSON_DEPTH",
    default=32,
    cast=int,
    help="Deepest nesting of lists and objects in a JSON request body; deeper gets 400.",
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate challenge makes "not signed in" a 401.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "proeftuin.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["djangorestframework_camel_case.render.CamelCaseJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["proeftuin.api.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "proeftuin.api.schema.ProblemAutoSchema",
    "EXCEPTION_HANDLER": "proeftuin.api.problems.exception_handler",
    "JSON_UNDERSCOREIZE": {"no_underscore_before_number": True},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Proeftuin API",
    "DESCRIPTION": "Cases, organisations and the initiative portfolio of the Proeftuin "
    "innovation library.",
    "VERSION": API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Paths relative to the server URL, which carries the major version (API-20).
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVERS": [{"url": "/api/v1", "description": "This installation, version 1"}],
    "COMPONENT_SPLIT_REQUEST": True,
    "CAMELIZE_NAMES": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.contrib.djangorestframework_camel_case.camelize_serializer_fields",
        "drf_spectacular.hooks.postprocess_schema_enums",
        "proeftuin.api.schema.add_api_version_header",
    ],
    "ENUM_NAME_OVERRIDES": {
        "LessonKindEnum": "proeftuin.cases.choices.LessonKind",
        "OutcomeKindEnum": "proeftuin.cases.choices.OutcomeKind",
        "RecognitionKindEnum": "proeftuin.cases.choices.RecognitionKind",
        "EditorialStatusEnum": "proeftuin.core.editorial.EditorialStatus",
        "JobStatusEnum": "proeftuin.ingestion.models.Job.Status",
        "SuggestionStatusEnum": "proeftuin.ingestion.models.Suggestion.Status",
        "UnitEnum": "proeftuin.cases.choices.OutcomeUnit",
        "DirectionEnum": "proeftuin.cases.choices.Direction",
        "DecisionEnum": ["accepted", "edited", "rejected"],
        "GateDecisionEnum": "proeftuin.core.workflows.choices.Decision",
        "InnovationKindEnum": "proeftuin.portfolio.choices.InnovationKind",
        "KpiUnitEnum": "proeftuin.portfolio.choices.KpiUnit",
        "OecdFacetEnum": "proeftuin.portfolio.choices.OecdFacet",
        "KpiDirectionEnum": "proeftuin.portfolio.choices.KpiDirection",
        "AdoptionStatusEnum": "proeftuin.diffusion.choices.AdoptionStatus",
        "CategoryEnum": "proeftuin.cases.choices.BarrierCategory",
        "RegisterCategoryEnum": "proeftuin.barriers.choices.Category",
        "BarrierStateEnum": "proeftuin.barriers.choices.State",
        "HeatmapAxisEnum": "proeftuin.barriers.choices.HeatmapAxis",
        "CircleKindEnum": "proeftuin.circles.choices.CircleKind",
        "OpennessEnum": "proeftuin.circles.choices.Openness",
        "MemberRoleEnum": "proeftuin.circles.choices.MemberRole",
        "ImplementationStatusEnum": "proeftuin.circles.choices.ImplementationStatus",
        "PatentStatusEnum": "proeftuin.patents.choices.PatentStatus",
        "ClaimStatusEnum": "proeftuin.patents.choices.ClaimStatus",
        "ClaimDecisionEnum": "proeftuin.patents.choices.ClaimDecision",
        # an initiative or a case: one enum for adoptions, lineage and adopter matches
        "InnovationRefKindEnum": ["initiative", "case"],
    },
    "CONTACT": {
        "name": "Proeftuin maintainers",
        "email": "proeftuin@example.org",
        "url": "https://example.org/proeftuin/proeftuin",
    },
    "LICENSE": {"name": "EUPL-1.2"},
}
