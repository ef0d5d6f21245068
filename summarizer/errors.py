"""Error types. Config/input errors carry the fix in their message; runtime errors carry the cause."""


class SummarizerError(Exception):
    """Base class for every error this package raises on purpose."""


class InputError(SummarizerError):
    """Bad input (missing file, empty, binary, no articles...). CLI exit code 2."""


class NoArticleText(InputError):
    """A file that holds no article text (empty, or page furniture only). Alone it is bad input;
    in a pile of inputs it is set aside like any other document that is no article."""


class ConfigError(SummarizerError):
    """Bad or missing configuration (model, endpoint, GGUF). CLI exit code 2."""


class OptionError(ConfigError, TypeError):
    """A library option that does not exist or has a value of the wrong type."""


class EndpointError(SummarizerError):
    """The model endpoint cannot be used (down, unknown model, auth). CLI exit code 1."""


class ReplayMiss(SummarizerError):
    """A request was not in the recording being replayed."""


class ExtractionError(SummarizerError):
    """One article could not be extracted (after the retries its error class deserves)."""
