"""REST API (NL API Design Rules) and its OpenAPI document."""

API_VERSION = "1.0.0"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "proeftuin.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["djangorestframework_camel_case.render.CamelCaseJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["djangorestframework_camel_case.parser.CamelCaseJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "proeftuin.api.problems.exception_handler",
    "JSON_UNDERSCOREIZE": {"no_underscore_before_number": True},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Proeftuin API",
    "DESCRIPTION": "Cases and organisations of the Proeftuin innovation library.",
    "VERSION": API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
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
        "EditorialStatusEnum": "proeftuin.cases.choices.EditorialStatus",
        "JobStatusEnum": "proeftuin.ingestion.models.Job.Status",
        "SuggestionStatusEnum": "proeftuin.ingestion.models.Suggestion.Status",
    },
    "CONTACT": {"name": "Proeftuin"},
    "LICENSE": {"name": "EUPL-1.2"},
}
