#!/usr/bin/env bash
# The catalog: every model id, with the surfaces it is served on.

curl -sS --fail-with-body https://www.ezrouter.dev/v1/models \
  -H "Authorization: Bearer $EZROUTER_API_KEY"
