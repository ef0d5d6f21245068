"""The endpoint layer: any OpenAI-compatible endpoint through ``instructor`` over the ``openai``
SDK (``client``), the embedded llama.cpp server (``local``), context windows read from the
endpoint (``context``), recorded and cached exchanges (``exchanges``) and the settings that pick
an endpoint (``settings``). It knows requests and answers only: no article reading, no merge."""
