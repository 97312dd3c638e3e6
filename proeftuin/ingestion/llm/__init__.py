"""Optional language-model extraction (off unless LLM_ENDPOINT_URL is set); see ``step``."""
