#!/usr/bin/env bash
# Every response, errors included, carries x-oneapi-request-id. -D - prints the
# response headers; quote this id in a support ticket.

curl -sS -o /dev/null -D - https://www.ezrouter.dev/v1/models \
  -H "Authorization: Bearer $EZROUTER_API_KEY" | grep -i '^x-oneapi-request-id'
#> x-oneapi-request-id: 20261201120000790d0800000001
