#!/usr/bin/env bash
# One headless OpenCode turn, run from the project that holds opencode.json.

opencode run "Say hi in three words."
