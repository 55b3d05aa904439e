# Probe one model on one surface and keep the full report as JSON.
# The key comes from EZROUTER_API_KEY; the probe never prints it.
ezrouter-mock probe \
  --base-url https://www.ezrouter.dev \
  --model claude-opus-4-7 \
  --surface anthropic \
  --json probe-report.json
