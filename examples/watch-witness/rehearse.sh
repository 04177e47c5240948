#!/bin/sh
# Rehearse a failover on `bos devnet` (1 s blocks): a primary and a backup node
# for init0, the primary goes offline, watch-witness switches to the backup key.
# Needs: bos in PATH, jq. Everything happens on 127.0.0.1:8099 and in a temp dir.
set -eu
dir=$(mktemp -d)
trap 'kill $devnet $watch 2>/dev/null; rm -rf "$dir"' EXIT
bos devnet --json --listen 127.0.0.1:8099 --witnesses 3 --block-interval 1 > "$dir/listing" &
devnet=$!
sleep 1
export BOS_NODE=ws://127.0.0.1:8099 BOS_WALLET="$dir/wallet.sqlite" BOS_WALLET_PASSWORD=rehearsal
listing=$(head -n1 "$dir/listing")
primary=$(echo "$listing" | jq -r '.witnesses[] | select(.account=="init0") | .signing_key')
active_wif=$(echo "$listing" | jq -r '.accounts[] | select(.name=="init0") | .wif')
backup_json=$(bos key new --prefix TEST --json)
backup=$(echo "$backup_json" | jq -r .public_key)
backup_wif=$(echo "$backup_json" | jq -r .wif)
bos wallet init
echo "$active_wif" | bos wallet add-key -
# The backup node holds the backup key; the primary node holds the genesis key.
bos rpc --api devnet add_node init0-backup init0 "$backup_wif" > /dev/null
bos watch-witness init0 --key "$primary" --key "$backup" --threshold 3 --cooldown 60 &
watch=$!
sleep 3
echo "--- primary goes offline" >&2
bos rpc --api devnet set_node_online init0 false > /dev/null
sleep 20
bos witness init0
