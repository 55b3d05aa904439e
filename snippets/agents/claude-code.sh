#!/usr/bin/env bash
# Point Claude Code at ezrouter's Anthropic surface and run one headless turn.

export ANTHROPIC_BASE_URL="https://www.ezrouter.dev/anthropic"  # root, no /v1
export ANTHROPIC_AUTH_TOKEN="$EZROUTER_API_KEY"  # sent as Authorization: Bearer
# Claude Code's default models are not in the catalog: name one per role.
export ANTHROPIC_MODEL="claude-sonnet-4-6"  # the main conversation
export ANTHROPIC_DEFAULT_OPUS_MODEL="claude-opus-4-7"  # what "opus" means
export ANTHROPIC_DEFAULT_SONNET_MODEL="claude-sonnet-4-6"  # what "sonnet" means
export ANTHROPIC_DEFAULT_HAIKU_MODEL="claude-haiku-4-5"  # haiku, background
export CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1  # no telemetry or updates

claude -p "Say hi in three words."
