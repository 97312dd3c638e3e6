"""Optional language-model extraction step: an OpenAI-compatible server the organisation runs.

Off unless LLM_ENDPOINT_URL is set; nothing is sent anywhere while it is empty.
"""

from proeftuin.core.env import env

LLM_ENDPOINT_URL = env(
    "LLM_ENDPOINT_URL",
    default="",
    help="Base URL of an OpenAI-compatible chat-completions server, e.g. a model server in the "
    "organisation's own network (http://llm.intern:8000/v1). Empty (default): the language-model "
    "extraction step is off and no document text leaves the application.",
)
LLM_API_KEY = env(
    "LLM_API_KEY",
    default="",
    help="Bearer token sent to LLM_ENDPOINT_URL, when the server wants one. Secret: set it only "
    "in the environment or .env, never in a committed file.",
)
LLM_MODEL = env(
    "LLM_MODEL",
    default="",
    help="Model name sent to the server; required when LLM_ENDPOINT_URL is set. It is recorded "
    "with every suggestion together with the prompt version.",
)
LLM_TIMEOUT_SECONDS = env(
    "LLM_TIMEOUT_SECONDS",
    default=60,
    cast=int,
    help="Seconds one request to the language model may take before the step gives up (the "
    "pipeline then continues without its suggestions).",
)
LLM_MAX_CHARS = env(
    "LLM_MAX_CHARS",
    default=12000,
    cast=int,
    help="Most characters of document text sent in one request; longer cases are sent in "
    "several parts.",
)
