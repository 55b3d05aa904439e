# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # ezrouter quickstart notebook
#
# One key, two surfaces. This notebook sends the same question through the
# Anthropic-compatible surface and the OpenAI-compatible surface, then lists the
# catalog. Install the SDKs first (`pip install anthropic openai`) and set
# `EZROUTER_API_KEY` in the environment that starts Jupyter.
#
# The outputs stored in this notebook come from a run against the local mock
# gateway (see [Running the examples locally](../running-locally.md)), so the
# answers are its deterministic stand-in text; against ezrouter you get the
# model's own words.
#
# [Download this notebook](notebook.ipynb) to run it yourself.

# %%
import os

import anthropic
import openai

API_KEY = os.environ["EZROUTER_API_KEY"]

# %% [markdown]
# ## Anthropic SDK
#
# The Anthropic SDK appends `/v1/messages` itself, so its base URL is the
# surface root.

# %%
claude = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=API_KEY,
)
message = claude.messages.create(
    model="claude-sonnet-4-6",
    max_tokens=256,
    messages=[{"role": "user", "content": "What is ezrouter?"}],
)
print(message.content[0].text)
usage = message.usage
print(message.stop_reason, usage.input_tokens, usage.output_tokens)

# %% [markdown]
# ## OpenAI SDK
#
# The chat-completions endpoint always answers with server-sent events, so ask
# for a stream and join the pieces.

# %%
gpt = openai.OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=API_KEY,
)
stream = gpt.chat.completions.create(
    model="deepseek-v4-flash",
    max_tokens=256,
    messages=[{"role": "user", "content": "What is ezrouter?"}],
    stream=True,
)
pieces = (ch.delta.content or "" for c in stream for ch in c.choices)
print("".join(pieces))

# %% [markdown]
# ## The catalog
#
# The same key sees the whole catalog. `supported_endpoint_types` (an ezrouter
# extension) lists the surfaces ezrouter names for each model.

# %%
for model in gpt.models.list():
    extra = model.model_extra or {}
    surfaces = extra.get("supported_endpoint_types", [])
    print(f"{model.id:20} {', '.join(surfaces)}")
