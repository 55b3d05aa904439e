#!/usr/bin/env bash
# Point Claude Code at ezrouter's Anthropic surface and run one headless turn.

export ANTHROPIC_BASE_URL="https://www.ezrouter.dev/anthropic"  # root, no /v1
export ANTHROPIC_AUTH_TOKEN="$EZROUTER_API_KEY"  # sent as Authorization: Bearer
export CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1  # no telemetry or updates

claude -p "Say hi in three words." --model claude-sonnet-4-6
