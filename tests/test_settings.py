"""Settings precedence and key handling: OPENAI_API_KEY never leaves for a custom base URL."""

from __future__ import annotations

import pytest

from summarizer.errors import ConfigError
from summarizer.llm.settings import NO_KEY, Settings, api_key_for, endpoint_id, resolve


def test_defaults_pick_the_embedded_model_with_json_schema():
    s = resolve(Settings(), config={})
    assert s.embedded and s.mode == "json_schema" and s.concurrency == 1 and s.model


def test_grounding_reasks_default_to_none_embedded_and_one_elsewhere():
    assert resolve(Settings(), config={}).reasks == 0
    assert resolve(Settings(base_url="http://localhost:11434/v1", model="m"), config={}).reasks == 1
    assert resolve(Settings(), config={"reasks": 2}).reasks == 2
    assert resolve(Settings(reasks=1), config={"reasks": 2}).reasks == 1


def test_model_headline_defaults_to_off_embedded_and_on_elsewhere():
    assert resolve(Settings(), config={}).synthesis is False
    assert resolve(Settings(base_url="http://localhost:11434/v1", model="m"), config={}).synthesis is True
    assert resolve(Settings(), config={"synthesis": True}).synthesis is True
    assert resolve(Settings(synthesis=False), config={"synthesis": True}).synthesis is False


def test_openai_defaults_to_tools_mode_and_needs_a_key():
    s = resolve(Settings(base_url="https://api.openai.com/v1/"), config={})
    assert s.base_url == "https://api.openai.com/v1" and s.mode == "tools" and s.model
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        api_key_for(s, environ={})
    assert api_key_for(s, environ={"OPENAI_API_KEY": "sk-real"}) == "sk-real"


def test_openai_key_is_never_sent_to_another_base_url():
    s = resolve(Settings(base_url="http://localhost:11434/v1", model="llama3.1"), config={})
    assert api_key_for(s, environ={"OPENAI_API_KEY": "sk-real"}) == NO_KEY
    evil = resolve(Settings(base_url="https://api.openai.com.evil.example/v1", model="x"), config={})
    assert api_key_for(evil, environ={"OPENAI_API_KEY": "sk-real"}) == NO_KEY
    explicit = resolve(Settings(base_url="http://localhost:8000/v1", model="x", api_key="vllm-key"), config={})
    assert api_key_for(explicit, environ={"OPENAI_API_KEY": "sk-real"}) == "vllm-key"


def test_flag_beats_config_beats_default():
    config = {"model": "from-config", "base_url": "http://cfg:1/v1", "timeout": 33.0}
    s = resolve(Settings(), config=config)
    assert (s.model, s.base_url, s.timeout) == ("from-config", "http://cfg:1/v1", 33.0)
    s = resolve(Settings(model="from-flag"), config=config)
    assert s.model == "from-flag" and s.base_url == "http://cfg:1/v1"


def test_config_file_is_read_and_checked(tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text('model = "m"\nbase_url = "http://h:1/v1"\n')
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(cfg))
    assert resolve(Settings()).model == "m"
    cfg.write_text('modle = "typo"\n')
    with pytest.raises(ConfigError, match="unknown setting"):
        resolve(Settings())


def test_custom_endpoint_needs_a_model_and_a_known_mode():
    with pytest.raises(ConfigError, match="--model is required"):
        resolve(Settings(base_url="http://localhost:1234/v1"), config={})
    with pytest.raises(ConfigError, match="unknown mode"):
        resolve(Settings(mode="xml"), config={})


def test_embedded_endpoint_identity_does_not_depend_on_its_port():
    s = resolve(Settings(), config={})
    assert endpoint_id(s, "model.gguf@abc") == "embedded:model.gguf@abc"


def test_one_path_for_every_source_option_then_environment_then_config_then_default():
    env = {"SUMMARIZER_TIMEOUT": "30", "SUMMARIZER_URL_TIMEOUT": "5", "SUMMARIZER_NER": "yes",
           "SUMMARIZER_CACHE_DIR": "/env/cache", "OPENAI_BASE_URL": "http://localhost:8000/v1", "SUMMARIZER_MODEL": "m"}  # fmt: skip
    config = {"timeout": 60.0, "cache_dir": "/config/cache", "chunk_chars": 4000}
    s = Settings.from_sources({"timeout": 10.0}, env=env, config=config)
    assert s.timeout == 10.0  # the option
    assert s.url_timeout == 5.0 and s.ner is True and s.cache_dir == "/env/cache"  # the environment, over the config
    assert s.base_url == "http://localhost:8000/v1" and s.model == "m"  # the second variable of base_url
    assert s.chunk_chars == 4000  # the config
    assert s.concurrency == 4 and s.defence == "on"  # defaults, for an endpoint
    assert Settings.from_sources({}, env={}, config={}).timeout == 900.0  # the embedded runtime's default


def test_a_bad_source_is_one_clear_error():
    from summarizer.errors import OptionError

    with pytest.raises(ConfigError, match="SUMMARIZER_CHUNK_CHARS='many' is not a number"):
        Settings.from_sources({}, env={"SUMMARIZER_CHUNK_CHARS": "many"}, config={})
    with pytest.raises(OptionError, match="unknown option"):
        Settings.from_sources({"modle": "x"}, env={}, config={})
    with pytest.raises(OptionError, match="bad option value"):
        Settings.from_sources({"timeout": "soon"}, env={}, config={})


def test_the_command_line_names_the_same_variables_as_the_library():
    from typer.testing import CliRunner

    from summarizer.cli import app
    from summarizer.llm.settings import ENVIRONMENT

    shown = CliRunner(env={"COLUMNS": "400"}).invoke(app, ["brief", "--help"]).output
    for name in ("model", "base_url", "api_key", "mode", "gguf", "timeout", "context_tokens", "chunk_chars", "max_entries"):
        for variable in ENVIRONMENT[name]:
            assert variable in shown, variable


def test_an_option_equal_to_the_default_still_beats_the_environment():
    env = {"SUMMARIZER_URL_TIMEOUT": "5", "SUMMARIZER_MAX_ENTRIES": "9"}
    s = Settings.from_sources({"url_timeout": 20.0}, env=env, config={})
    assert s.url_timeout == 20.0  # given, though it is the default
    assert s.max_entries == 9  # not given: the environment
