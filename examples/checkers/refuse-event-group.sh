#!/bin/sh
# An approval checker for `bos` (see README, "Approval checkers"): refuses every
# proposal that touches one event group, e.g. a league this witness will not
# vouch for. The proposal arrives as JSON on stdin; its "names" map holds the
# English names of every object it refers to, with their events, event groups
# and sports.
#
#   checkers:
#     - name: no-laliga
#       command: examples/checkers/refuse-event-group.sh "LaLiga"
#       timeout: 5
#
# The event group comes from the first argument or BOS_REFUSE_EVENT_GROUP.
group="${1:-$BOS_REFUSE_EVENT_GROUP}"
if [ -z "$group" ]; then
    echo "usage: refuse-event-group.sh EVENT_GROUP_NAME" >&2
    exit 2
fi
input=$(cat)
# The name as a JSON string value: "...": "LaLiga" (quotes in the name are not supported).
if printf '%s' "$input" | grep -qF "\"$group\""; then
    printf '{"success": false, "reason": "touches event group %s, which this witness does not approve"}\n' "$group"
else
    printf '{"success": true}\n'
fi
