#!/usr/bin/env bash
# The README's Learn pictures: a lesson step (docs/lesson-step.png) and an animated GIF of a recorded AtomNAS run's
# surviving-atoms bars (docs/atomnas-recorded.gif), both taken by e2e/lesson.spec.ts with LESSON_SHOTS set.
# The GIF is joined by scripts/framesToGif.py (Python's standard library only). Usage: bash scripts/lessonPictures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
shots=$(mktemp -d)
trap 'rm -rf "$shots"' EXIT
LESSON_SHOTS="$shots" E2E_PORT="${E2E_PORT:-4194}" E2E_OUT="${E2E_OUT:-dist-l}" E2E_RESULTS="${E2E_RESULTS:-test-results-l}" \
  npx playwright test e2e/lesson.spec.ts --reporter=line
cp "$shots/lesson-step.png" docs/lesson-step.png
python3 scripts/framesToGif.py docs/atomnas-recorded.gif 70 "$shots"/strip-*.png
ls -l docs/lesson-step.png docs/atomnas-recorded.gif
