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
