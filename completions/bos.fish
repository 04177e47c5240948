# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_bos_global_optspecs
    string join \n json wallet= sports= db= now= node= d/nobroadcast x/unsigned node-timeout= password-file= e/expiration= h/help V/version
end

function __fish_bos_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_bos_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_bos_using_subcommand
    set -l cmd (__fish_bos_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c bos -n "__fish_bos_needs_command" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_needs_command" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_needs_command" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_needs_command" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_needs_command" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_needs_command" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_needs_command" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_needs_command" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_needs_command" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_needs_command" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_needs_command" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_needs_command" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_needs_command" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_needs_command" -f -a "key" -d 'Create, inspect and derive keys (offline)'
complete -c bos -n "__fish_bos_needs_command" -f -a "tx" -d 'Encode, decode, sign and verify transactions (offline)'
complete -c bos -n "__fish_bos_needs_command" -f -a "wallet" -d 'The encrypted key store: add, list, export keys; import python-peerplays wallets'
complete -c bos -n "__fish_bos_needs_command" -f -a "sports" -d 'Check and list the sports data (bookiesports)'
complete -c bos -n "__fish_bos_needs_command" -f -a "incident" -d 'Validate, store and inspect incidents'
complete -c bos -n "__fish_bos_needs_command" -f -a "devnet" -d 'Run a local Peerplays node for tests and rehearsals'
complete -c bos -n "__fish_bos_needs_command" -f -a "approve" -d 'Approve the proposer\'s own pending proposals now (bos-auto\'s self-approval)'
complete -c bos -n "__fish_bos_needs_command" -f -a "proposals" -d 'Pending proposals with their operations named, and who approved them; show, approve or withdraw approval'
complete -c bos -n "__fish_bos_needs_command" -f -a "propose" -d 'Propose BOS operations by hand: event and group statuses, resolutions, events, free-text groups and markets, sports sync (bos-mint\'s cart)'
complete -c bos -n "__fish_bos_needs_command" -f -a "info" -d 'Show chain objects: no argument for the dynamic global properties, a block number, an object id a.b.c, a public key, or an account name'
complete -c bos -n "__fish_bos_needs_command" -f -a "account" -d 'Show an account'
complete -c bos -n "__fish_bos_needs_command" -f -a "balance" -d 'Balances of accounts, in each asset\'s units [default: the wallet\'s accounts]'
complete -c bos -n "__fish_bos_needs_command" -f -a "transfer" -d 'Send an amount of an asset from one account to another (transfer)'
complete -c bos -n "__fish_bos_needs_command" -f -a "fees" -d 'The chain\'s fee schedule, in the core asset'
complete -c bos -n "__fish_bos_needs_command" -f -a "witness" -d 'Show a witness (`bos witness NAME` or `bos witness show NAME`), or change its url or signing key (`bos witness update`)'
complete -c bos -n "__fish_bos_needs_command" -f -a "watch-witness" -d 'Watch a witness for missed blocks and switch its signing key to a backup'
complete -c bos -n "__fish_bos_needs_command" -f -a "track" -d 'Record witness health, node lag and market odds as time series (`prune`: drop old samples)'
complete -c bos -n "__fish_bos_needs_command" -f -a "history" -d 'Print a recorded series (downsampled with --every), or list the series'
complete -c bos -n "__fish_bos_needs_command" -f -a "chart" -d 'Draw series on one time axis as SVG or PNG, or print sparklines'
complete -c bos -n "__fish_bos_needs_command" -f -a "rpc" -d 'Call any node API method with JSON arguments'
complete -c bos -n "__fish_bos_needs_command" -f -a "serve" -d 'The automated mode: take incidents over HTTP, store them, run the engine, retry and approve (bos-auto\'s api, worker and scheduler in one process)'
complete -c bos -n "__fish_bos_needs_command" -f -a "isalive" -d 'Ask a running `bos serve` whether it is healthy (exit 6 when not, 7 when it does not answer)'
complete -c bos -n "__fish_bos_needs_command" -f -a "config" -d 'Check configuration files'
complete -c bos -n "__fish_bos_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c bos -n "__fish_bos_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -f -a "new" -d 'Make a new key from a fresh BIP39 mnemonic'
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -f -a "info" -d 'Show the public forms of a key (WIF or public key)'
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -f -a "derive" -d 'Derive an account\'s key from its password'
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -f -a "brain" -d 'Derive a key from a brain key (as cli_wallet does)'
complete -c bos -n "__fish_bos_using_subcommand key; and not __fish_seen_subcommand_from new info derive brain help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from new" -l words -d 'Number of mnemonic words' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from new" -l prefix -d 'Public-key prefix (PPY on mainnet, TEST on testnets)' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from new" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from new" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from new" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from new" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from new" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from new" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from new" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from new" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from new" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from new" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from new" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from info" -l prefix -d 'Prefix for the `public_key` field (default: the prefix the key was given with, else PPY)' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from info" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from info" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from info" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from info" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from info" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from info" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from info" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from info" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from info" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from info" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from info" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -l account -d 'Account name' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -l role -d 'Which key of the account' -r -f -a "owner\t''
active\t''
memo\t''"
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -l scheme -d 'How the password becomes a key' -r -f -a "graphene\t'sha256(account + role + password): python-peerplays, uptick, the BitShares-style wallets'
bookiepro\t'sha256(normalize(password + account + role)): BookiePro and peerplaysjs'"
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -l password-file -d 'Read the password from this file (first line); otherwise stdin when piped, else a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -l prefix -d 'Public-key prefix' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from derive" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -l sequence -d 'Key number in the brain-key sequence' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -l brain-key-file -d 'Read the brain key from this file (first line); otherwise stdin when piped, else a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -l prefix -d 'Public-key prefix' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -l keep-case -d 'Keep the brain key\'s case, as graphenelib\'s BrainKey does (cli_wallet upper-cases it)'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from brain" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "new" -d 'Make a new key from a fresh BIP39 mnemonic'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show the public forms of a key (WIF or public key)'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "derive" -d 'Derive an account\'s key from its password'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "brain" -d 'Derive a key from a brain key (as cli_wallet does)'
complete -c bos -n "__fish_bos_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -f -a "encode" -d 'Serialize a transaction or one operation to hex'
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -f -a "decode" -d 'Decode hex back to node-form JSON'
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -f -a "sign" -d 'Sign a transaction and print it with its signatures'
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -f -a "verify" -d 'Recover and check the public keys behind a transaction\'s signatures'
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -f -a "broadcast" -d 'Broadcast a signed transaction to the node (`--node`)'
complete -c bos -n "__fish_bos_using_subcommand tx; and not __fish_seen_subcommand_from encode decode sign verify broadcast help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from encode" -l chain-id -d 'Chain id, 64 hex characters' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from encode" -l network -d 'A known network: alice (mainnet), testnet, beatrice, qaenv, mint' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from encode" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from encode" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from encode" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from encode" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from encode" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from encode" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from encode" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from encode" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from encode" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from encode" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from encode" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from encode" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from encode" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from decode" -l prefix -d 'Public-key prefix for the JSON' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from decode" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from decode" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from decode" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from decode" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from decode" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from decode" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from decode" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from decode" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from decode" -l op -d 'The hex is one operation (varint op id + fields), not a transaction'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from decode" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from decode" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from decode" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from decode" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from decode" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -l chain-id -d 'Chain id, 64 hex characters' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -l network -d 'A known network: alice (mainnet), testnet, beatrice, qaenv, mint' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -l wif-file -d 'File holding one WIF private key per line (repeatable)' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -l key -d 'Sign with this key from the wallet (repeatable; any prefix)' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -l from-wallet -d 'Sign with every wallet key the node says this transaction can use'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from sign" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -l chain-id -d 'Chain id, 64 hex characters' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -l network -d 'A known network: alice (mainnet), testnet, beatrice, qaenv, mint' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -l expect -d 'Fail unless this key signed (repeatable)' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -l prefix -d 'Public-key prefix for the output (default: the network\'s, else PPY)' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from broadcast" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from broadcast" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from broadcast" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from broadcast" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from broadcast" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from broadcast" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from broadcast" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from broadcast" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from broadcast" -l blocking -d 'Wait until the transaction is in a block and print where'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from broadcast" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from broadcast" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from broadcast" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from broadcast" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from broadcast" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "encode" -d 'Serialize a transaction or one operation to hex'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "decode" -d 'Decode hex back to node-form JSON'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "sign" -d 'Sign a transaction and print it with its signatures'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Recover and check the public keys behind a transaction\'s signatures'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "broadcast" -d 'Broadcast a signed transaction to the node (`--node`)'
complete -c bos -n "__fish_bos_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -f -a "init" -d 'Create a new, empty wallet'
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -f -a "add-key" -d 'Add private keys (WIF)'
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -f -a "list" -d 'List the public keys in the wallet, with labels and accounts (with --node: the accounts are looked up on the node and kept)'
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -f -a "remove" -d 'Remove a key from the wallet (asks to confirm)'
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -f -a "export" -d 'Print a key\'s WIF (asks to confirm)'
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -f -a "change-password" -d 'Change the wallet password'
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -f -a "import-python" -d 'Import the keys of a python-peerplays / uptick wallet (peerplays.sqlite)'
complete -c bos -n "__fish_bos_using_subcommand wallet; and not __fish_seen_subcommand_from init add-key list remove export change-password import-python help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from init" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from init" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from init" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from init" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from init" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from init" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from init" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from init" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from init" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from init" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from init" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from add-key" -l label -d 'A label for the keys (for example "active" or "signing")' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from add-key" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from add-key" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from add-key" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from add-key" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from add-key" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from add-key" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from add-key" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from add-key" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from add-key" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from add-key" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from add-key" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from add-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from add-key" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from list" -l prefix -d 'Public-key prefix (PPY on mainnet, TEST on testnets) [default: the chain\'s with --node, else PPY]' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from list" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from list" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from list" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from list" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from list" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from list" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from list" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from list" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from list" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from list" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from remove" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from remove" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from remove" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from remove" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from remove" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from remove" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from remove" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from remove" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask to confirm'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from remove" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from remove" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from remove" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from export" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from export" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from export" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from export" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from export" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from export" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from export" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from export" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from export" -s y -l yes -d 'Do not ask to confirm'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from export" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from export" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from export" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from change-password" -l new-password-file -d 'Read the new password from this file (first line); otherwise asked twice' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from change-password" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from change-password" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from change-password" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from change-password" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from change-password" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from change-password" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from change-password" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from change-password" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from change-password" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from change-password" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from change-password" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from change-password" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from change-password" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from import-python" -l python-password-file -d 'Read the python wallet\'s password from this file (first line); otherwise UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from import-python" -l label -d 'A label for the imported keys' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from import-python" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from import-python" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from import-python" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from import-python" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from import-python" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from import-python" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from import-python" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from import-python" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from import-python" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from import-python" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from import-python" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from import-python" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from import-python" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "init" -d 'Create a new, empty wallet'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "add-key" -d 'Add private keys (WIF)'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the public keys in the wallet, with labels and accounts (with --node: the accounts are looked up on the node and kept)'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a key from the wallet (asks to confirm)'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print a key\'s WIF (asks to confirm)'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "change-password" -d 'Change the wallet password'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "import-python" -d 'Import the keys of a python-peerplays / uptick wallet (peerplays.sqlite)'
complete -c bos -n "__fish_bos_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -f -a "check" -d 'Validate a bookiesports chain folder and list every problem with its file and key'
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -f -a "list" -d 'Show the sports, event groups, participants and BMGs as a tree'
complete -c bos -n "__fish_bos_using_subcommand sports; and not __fish_seen_subcommand_from check list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from check" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from check" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from check" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from check" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from check" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from check" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from check" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from check" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from check" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from check" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from check" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from list" -l sport -d 'Only this sport (identifier, name or alias, any case)' -r
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from list" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from list" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from list" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from list" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from list" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from list" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from list" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from list" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from list" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from list" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from help" -f -a "check" -d 'Validate a bookiesports chain folder and list every problem with its file and key'
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from help" -f -a "list" -d 'Show the sports, event groups, participants and BMGs as a tree'
complete -c bos -n "__fish_bos_using_subcommand sports; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -f -a "validate" -d 'Check incidents against the schema and normalize them against the sports data'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -f -a "add" -d 'Validate, normalize and store incidents'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -f -a "list" -d 'List stored incidents'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -f -a "show" -d 'Show the stored incidents with this unique string (every provider)'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -f -a "events" -d 'One line per event and call: the event\'s id on chain (as the last job saw it), status and why, the proposals it made or approved, expiration, incident and provider counts'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -f -a "parse" -d 'Turn a unique string back into an incident (the reverse parser)'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -f -a "replay" -d 'Feed incidents through intake and the triggers, in order, one job each'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -f -a "send" -d 'Send incidents to `bos serve` (or bos-auto) endpoints, with retries'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -f -a "new" -d 'Type an incident by hand (Couch Potato): menus fed only from bookiesports, or the same fields as flags; prints it (pipe it on), and stores it with --store'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -f -a "providers" -d 'Per provider: incidents by call, and how often its results agreed with the result that was settled'
complete -c bos -n "__fish_bos_using_subcommand incident; and not __fish_seen_subcommand_from validate add list show events parse replay send new providers help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from validate" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from validate" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from validate" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from validate" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from validate" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from validate" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from validate" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from validate" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from validate" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from validate" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from validate" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from add" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from add" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from add" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from add" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from add" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from add" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from add" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from add" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from add" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from add" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from add" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -l call -d 'Only this call' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -l status -d 'Only incidents whose event call has this status (e.g. "unknown", "done")' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -l since -d 'Only events starting at or after this time (RFC 3339)' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -l until -d 'Only events starting at or before this time (RFC 3339)' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -l event -d 'Only this event: its id string, or its chain id (1.22.N, looked up on --node)' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -l provider -d 'Only this provider (provider_info.name)' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from show" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from show" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from show" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from show" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from show" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from show" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from show" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from show" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from show" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from show" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from events" -l call -d 'Only this call' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from events" -l status -d 'Only this status' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from events" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from events" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from events" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from events" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from events" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from events" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from events" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from events" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from events" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from events" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from events" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from events" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from events" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from parse" -l provider -d 'Add provider_info with this name (pushed now)' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from parse" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from parse" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from parse" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from parse" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from parse" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from parse" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from parse" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from parse" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from parse" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from parse" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from parse" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from parse" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from parse" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -l proposer -d 'Account that proposes [default: init0 on a devnet]' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -l approver -d 'Account that approves [default: the proposer]' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -l checker -d 'An approval checker: a shell command, an http(s) URL, or a JSON object {name, command|url, timeout, on_error, own}; repeat for more (all must agree)' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -l order -d 'Replay in the order read, or by the incidents\' own timestamps' -r -f -a "file\t'As read: file after file, line after line'
time\t'By the incidents\' own `timestamp` (ties keep the input order; holds the whole input in memory to sort it)'"
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -l devnet -d 'Start an in-process devnet (one witness, init0, whose approval suffices) with the sports of --sports and replay against it'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -l dry-run -d 'Build and print, never sign or broadcast (no wallet needed; -d and -x do the same); without --node it runs against an in-process devnet holding only the --sports objects. Chain reads are shared between jobs for up to a second'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from replay" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -l to -d 'Endpoint: a base URL (http://127.0.0.1:8010) or its /trigger; repeat for several' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -l provider -d 'Set provider_info.name of every incident to NAME' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -l token-file -d 'File holding the provider\'s bearer token' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -l token -d 'The provider\'s bearer token (visible to other users: prefer --token-file or BOS_PROVIDER_TOKEN)' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -l retries -d 'Attempts per incident and endpoint on connection errors, 429 and 5xx' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -l parallel -d 'Incidents in flight at once per endpoint' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from send" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l call -d 'create, in_progress, finish, result or canceled' -r -f -a "create\t''
in_progress\t''
finish\t''
result\t''
canceled\t''"
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l sport -d 'Sport (name or alias from bookiesports)' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l event-group -d 'Event group / league (name or alias)' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l home -d 'Home team (name or alias)' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l away -d 'Away team (name or alias)' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l start -d 'Start time, RFC 3339' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l season -d 'Season (create), e.g. 2018/2019; asked for when interactive' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l home-score -d 'Home score (result): a whole number' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l away-score -d 'Away score (result): a whole number' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l provider -d 'The provider name the incident carries' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l store -d 'Also store it in the incident store (--db)'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from providers" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from providers" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from providers" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from providers" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from providers" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from providers" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from providers" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from providers" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from providers" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from providers" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from providers" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from providers" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from providers" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check incidents against the schema and normalize them against the sports data'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "add" -d 'Validate, normalize and store incidents'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "list" -d 'List stored incidents'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the stored incidents with this unique string (every provider)'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "events" -d 'One line per event and call: the event\'s id on chain (as the last job saw it), status and why, the proposals it made or approved, expiration, incident and provider counts'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "parse" -d 'Turn a unique string back into an incident (the reverse parser)'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "replay" -d 'Feed incidents through intake and the triggers, in order, one job each'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "send" -d 'Send incidents to `bos serve` (or bos-auto) endpoints, with retries'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "new" -d 'Type an incident by hand (Couch Potato): menus fed only from bookiesports, or the same fields as flags; prints it (pipe it on), and stores it with --store'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "providers" -d 'Per provider: incidents by call, and how often its results agreed with the result that was settled'
complete -c bos -n "__fish_bos_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand devnet" -l listen -d 'Address to serve websocket JSON-RPC on' -r
complete -c bos -n "__fish_bos_using_subcommand devnet" -l witnesses -d 'Number of genesis witnesses' -r
complete -c bos -n "__fish_bos_using_subcommand devnet" -l block-interval -d 'Seconds per block slot' -r
complete -c bos -n "__fish_bos_using_subcommand devnet" -l genesis-time -d 'Genesis time YYYY-MM-DDTHH:MM:SS (default: now)' -r
complete -c bos -n "__fish_bos_using_subcommand devnet" -l clock -d 'Slot clock' -r -f -a "real\t'Produce blocks on the wall clock'
manual\t'Only the control api (`bos rpc --api devnet produce_blocks N`) moves time'
automine\t'A block as soon as a transaction arrives (anvil\'s automine): time moves one block interval per block, and the control api still works'"
complete -c bos -n "__fish_bos_using_subcommand devnet" -l seed -d 'Seed for every key and the chain id' -r
complete -c bos -n "__fish_bos_using_subcommand devnet" -l prefix -d 'Public-key prefix and core symbol' -r
complete -c bos -n "__fish_bos_using_subcommand devnet" -l maintenance-interval -d 'Seconds between maintenance intervals' -r
complete -c bos -n "__fish_bos_using_subcommand devnet" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand devnet" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand devnet" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand devnet" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand devnet" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand devnet" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand devnet" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand devnet" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand devnet" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand devnet" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand devnet" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand devnet" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand devnet" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand approve" -l proposer -d 'The witness account this node proposes as; its own pending proposals get the approver\'s approval (bos-auto\'s self-approval)' -r
complete -c bos -n "__fish_bos_using_subcommand approve" -l approver -d 'Account that approves [default: the proposer]' -r
complete -c bos -n "__fish_bos_using_subcommand approve" -l checker -d 'An approval checker: a shell command, an http(s) URL, or a JSON object {name, command|url, timeout, on_error, own}; repeat for more (all must agree)' -r
complete -c bos -n "__fish_bos_using_subcommand approve" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand approve" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand approve" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand approve" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand approve" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand approve" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand approve" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand approve" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand approve" -l dry-run -d 'Decide and print, but sign and broadcast nothing (no wallet needed; the same as -x; -d signs and prints the transaction without broadcasting it)'
complete -c bos -n "__fish_bos_using_subcommand approve" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand approve" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand approve" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand approve" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand approve" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -a "show" -d 'One proposal in full: operations named, approvals, expiration'
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -a "approve" -d 'Add ACCOUNT\'s approval to proposals'
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -a "withdraw" -d 'Remove ACCOUNT\'s approval from proposals (bos-mint\'s "reject": a single witness cannot delete a BOS proposal)'
complete -c bos -n "__fish_bos_using_subcommand proposals; and not __fish_seen_subcommand_from show approve withdraw help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from show" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from show" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from show" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from show" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from show" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from show" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from show" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from show" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from show" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from show" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from approve" -l account -d 'The approving account (a witness account)' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from approve" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from approve" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from approve" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from approve" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from approve" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from approve" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from approve" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from approve" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from approve" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from approve" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from approve" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from approve" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from withdraw" -l account -d 'The account whose approval to remove' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from withdraw" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from withdraw" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from withdraw" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from withdraw" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from withdraw" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from withdraw" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from withdraw" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from withdraw" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from withdraw" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from withdraw" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from withdraw" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from withdraw" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from withdraw" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from help" -f -a "show" -d 'One proposal in full: operations named, approvals, expiration'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from help" -f -a "approve" -d 'Add ACCOUNT\'s approval to proposals'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from help" -f -a "withdraw" -d 'Remove ACCOUNT\'s approval from proposals (bos-mint\'s "reject": a single witness cannot delete a BOS proposal)'
complete -c bos -n "__fish_bos_using_subcommand proposals; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -l proposer -d 'Account that proposes and pays the proposal fee (a witness account)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -l proposal-expiration -d 'Proposal lifetime in seconds' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -l proposal-review -d 'Review period in seconds (BOS proposals need none)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -l batch -d 'More actions, one per line as on the command line (`event-status 1.22.0 finished --scores 2,1`); `#` starts a comment' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -l approve -d 'Approve the new proposal as the proposer right away (bos-mint\'s automatic approval)'
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -f -a "event-status" -d 'Set an event\'s status (event_update_status)'
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -f -a "bmg-status" -d 'Set a betting market group\'s status (betting_market_group_update)'
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -f -a "resolve" -d 'Resolve a closed group: one market wins, the others do not; or cancel all'
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -f -a "create-event" -d 'An event with its groups and markets, named from bookiesports as the engine names them'
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -f -a "create-bmg" -d 'A free-text betting market group (futures, novelty markets)'
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -f -a "create-bm" -d 'A free-text betting market'
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -f -a "sync-sports" -d 'Create or update the sports, event groups and rules of --sports the chain lacks or has differently (bookiesports sync)'
complete -c bos -n "__fish_bos_using_subcommand propose; and not __fish_seen_subcommand_from event-status bmg-status resolve create-event create-bmg create-bm sync-sports help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -l scores -d 'Scores, home first, whole numbers: --scores 2,1' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -l proposer -d 'Account that proposes and pays the proposal fee (a witness account)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -l proposal-expiration -d 'Proposal lifetime in seconds' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -l proposal-review -d 'Review period in seconds (BOS proposals need none)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -l batch -d 'More actions, one per line as on the command line (`event-status 1.22.0 finished --scores 2,1`); `#` starts a comment' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -l approve -d 'Approve the new proposal as the proposer right away (bos-mint\'s automatic approval)'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from event-status" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -l proposer -d 'Account that proposes and pays the proposal fee (a witness account)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -l proposal-expiration -d 'Proposal lifetime in seconds' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -l proposal-review -d 'Review period in seconds (BOS proposals need none)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -l batch -d 'More actions, one per line as on the command line (`event-status 1.22.0 finished --scores 2,1`); `#` starts a comment' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -l approve -d 'Approve the new proposal as the proposer right away (bos-mint\'s automatic approval)'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from bmg-status" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -l win -d 'The winning market (1.25.N)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -l proposer -d 'Account that proposes and pays the proposal fee (a witness account)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -l proposal-expiration -d 'Proposal lifetime in seconds' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -l proposal-review -d 'Review period in seconds (BOS proposals need none)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -l batch -d 'More actions, one per line as on the command line (`event-status 1.22.0 finished --scores 2,1`); `#` starts a comment' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -l cancel -d 'Cancel every market (bets refunded)'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -l approve -d 'Approve the new proposal as the proposer right away (bos-mint\'s automatic approval)'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from resolve" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l sport -d 'Sport (name or alias from bookiesports)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l event-group -d 'Event group (name or alias)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l home -d 'Home team (name or alias)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l away -d 'Away team (name or alias)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l start -d 'Start time, RFC 3339' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l season -d 'Season, e.g. 2018/2019' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l proposer -d 'Account that proposes and pays the proposal fee (a witness account)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l proposal-expiration -d 'Proposal lifetime in seconds' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l proposal-review -d 'Review period in seconds (BOS proposals need none)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l batch -d 'More actions, one per line as on the command line (`event-status 1.22.0 finished --scores 2,1`); `#` starts a comment' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l approve -d 'Approve the new proposal as the proposer right away (bos-mint\'s automatic approval)'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-event" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l name -d 'Description: TEXT (English) or LANG=TEXT; repeat for more languages' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l rules -d 'Rule: its id (1.23.N) or English name' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l asset -d 'Asset bets are made in: symbol or id' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l delay-before-settling -d 'Seconds between grading and settling' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l proposer -d 'Account that proposes and pays the proposal fee (a witness account)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l proposal-expiration -d 'Proposal lifetime in seconds' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l proposal-review -d 'Review period in seconds (BOS proposals need none)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l batch -d 'More actions, one per line as on the command line (`event-status 1.22.0 finished --scores 2,1`); `#` starts a comment' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l never-in-play -d 'Never goes in play'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l approve -d 'Approve the new proposal as the proposer right away (bos-mint\'s automatic approval)'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bmg" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -l name -d 'Description: TEXT (English) or LANG=TEXT; repeat for more languages' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -l proposer -d 'Account that proposes and pays the proposal fee (a witness account)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -l proposal-expiration -d 'Proposal lifetime in seconds' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -l proposal-review -d 'Review period in seconds (BOS proposals need none)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -l batch -d 'More actions, one per line as on the command line (`event-status 1.22.0 finished --scores 2,1`); `#` starts a comment' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -l approve -d 'Approve the new proposal as the proposer right away (bos-mint\'s automatic approval)'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from create-bm" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -l proposer -d 'Account that proposes and pays the proposal fee (a witness account)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -l proposal-expiration -d 'Proposal lifetime in seconds' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -l proposal-review -d 'Review period in seconds (BOS proposals need none)' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -l batch -d 'More actions, one per line as on the command line (`event-status 1.22.0 finished --scores 2,1`); `#` starts a comment' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -l approve -d 'Approve the new proposal as the proposer right away (bos-mint\'s automatic approval)'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from sync-sports" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from help" -f -a "event-status" -d 'Set an event\'s status (event_update_status)'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from help" -f -a "bmg-status" -d 'Set a betting market group\'s status (betting_market_group_update)'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from help" -f -a "resolve" -d 'Resolve a closed group: one market wins, the others do not; or cancel all'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from help" -f -a "create-event" -d 'An event with its groups and markets, named from bookiesports as the engine names them'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from help" -f -a "create-bmg" -d 'A free-text betting market group (futures, novelty markets)'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from help" -f -a "create-bm" -d 'A free-text betting market'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from help" -f -a "sync-sports" -d 'Create or update the sports, event groups and rules of --sports the chain lacks or has differently (bookiesports sync)'
complete -c bos -n "__fish_bos_using_subcommand propose; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand info" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand info" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand info" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand info" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand info" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand info" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand info" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand info" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand info" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand info" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand info" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand info" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand info" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand account" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand account" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand account" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand account" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand account" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand account" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand account" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand account" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand account" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand account" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand account" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand account" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand account" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand balance" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand balance" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand balance" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand balance" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand balance" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand balance" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand balance" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand balance" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand balance" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand balance" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand balance" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand balance" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand balance" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand transfer" -l memo -d 'A memo for the receiver, encrypted from FROM\'s memo key (which must be in the wallet) to TO\'s; only the two of them can read it. Empty: no memo' -r
complete -c bos -n "__fish_bos_using_subcommand transfer" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand transfer" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand transfer" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand transfer" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand transfer" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand transfer" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand transfer" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand transfer" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand transfer" -l blocking -d 'Wait until the transfer is in a block and print where'
complete -c bos -n "__fish_bos_using_subcommand transfer" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand transfer" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand transfer" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand transfer" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand transfer" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand fees" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand fees" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand fees" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand fees" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand fees" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand fees" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand fees" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand fees" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand fees" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand fees" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand fees" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand fees" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand fees" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -a "show" -d 'Show a witness: signing key, url, missed blocks, last confirmed block, active or not'
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -a "update" -d 'Change a witness\'s url or signing key (witness_update, signed with the witness account\'s active key from the wallet)'
complete -c bos -n "__fish_bos_using_subcommand witness; and not __fish_seen_subcommand_from show update help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from show" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from show" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from show" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from show" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from show" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from show" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from show" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from show" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from show" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from show" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -l url -d 'The new url' -r
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -l signing-key -d 'The new block-signing public key (new_initial_secret is set with it)' -r
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -l no-wait -d 'With --signing-key, do not wait for the block that includes the update (by default bos waits, and when the witness signed that block itself, sends the update again so the new key can produce)'
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a witness: signing key, url, missed blocks, last confirmed block, active or not'
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a witness\'s url or signing key (witness_update, signed with the witness account\'s active key from the wallet)'
complete -c bos -n "__fish_bos_using_subcommand witness; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l key -d 'A signing key to rotate over, in order; repeat for each node (at least two different keys: the primary\'s too, so the rotation can come back to it)' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l threshold -d 'Missed blocks inside the window that trigger a switch (>=)' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l window -d 'Width of the sliding window, in seconds (chain time)' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l cooldown -d 'No other switch within this many seconds after a switch' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l rotation-backoff -d 'After a full rotation over the keys without a block produced by the witness, stop switching for this many seconds (chain time), then try one switch per doubled wait (at most a day) until it produces again' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l notify-cmd -d 'Run this shell command once per change of state (and per reminder), one at a time and in order, with the event as JSON on stdin and in BOS_EVENT, BOS_EVENT_JSON, BOS_MESSAGE, BOS_WITNESS, BOS_SIGNING_KEY, ...' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l webhook -d 'POST the same notifications as JSON to this URL' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l remind-every -d 'While a problem lasts (missing blocks, node unreachable, stale, ...), notify it again this often; 0 turns reminders off' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l state -d 'Keep the window, the last switch, open problems and the last values seen in this file (written atomically); with --once it carries them between runs' -r -F
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l stale-after -d 'A head block older than this raises a stale alarm, and such a node is left for another --node; 0 turns it off' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l retries -d 'Failed samples (or --once runs) in a row before the unreachable notification' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l heartbeat -d 'Sample at least this often, even without block notices' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l confirm-timeout -d 'Seconds the new key has to appear on chain before the switch is reported failed' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l lag-check -d 'With several --node, compare their head and last irreversible blocks this often (node_lag); 0 turns it off' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l max-node-lag -d 'Blocks a node may be behind the best --node before it is a node_lag (and left, when it is the one in use)' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l dry-run -d 'Decide and report, but never sign or broadcast (no wallet needed); -d and -x mean the same here'
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l once -d 'Take one sample, decide, act, and exit (cron); needs --state'
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l no-record -d 'Do not record the samples (witness.NAME.total_missed, .missed_in_window) as time series in the store of --db (see `bos history`)'
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand watch-witness" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -l witness -d 'A witness to record (account name, 1.2.x or 1.6.x); repeat for more' -r
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -l market -d 'A betting market (1.25.x) whose best back/lay offers to record; repeat for more' -r
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -l event -d 'An event (1.22.x) whose betting markets to record; repeat for more' -r
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -l interval -d 'Sample every SECS seconds instead of on every block' -r
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -l keep -d 'Prune samples older than this (30d, 12h, ...) at start and every 10 minutes [default: the config file\'s track_keep, else keep everything]' -r
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -l once -d 'Take one round of samples, store it, print it and exit (cron)'
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -f -a "prune" -d 'Delete samples older than the retention limit, in small batches (writers go on)'
complete -c bos -n "__fish_bos_using_subcommand track; and not __fish_seen_subcommand_from prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from prune" -l keep -d 'Delete samples older than this (30d, 12h, ...) [default: the config file\'s track_keep]' -r
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from prune" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from prune" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from prune" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from prune" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from prune" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from prune" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from prune" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from prune" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from prune" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from prune" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from prune" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Delete samples older than the retention limit, in small batches (writers go on)'
complete -c bos -n "__fish_bos_using_subcommand track; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand history" -l since -d 'Oldest sample: RFC 3339, or a duration back from now (7d) [default: the first]' -r
complete -c bos -n "__fish_bos_using_subcommand history" -l until -d 'Newest sample: RFC 3339, now, or a duration back from now [default: the last]' -r
complete -c bos -n "__fish_bos_using_subcommand history" -l every -d 'Downsample: one row per bucket of this width (1h, 15m, ...) with min, max, last, count' -r
complete -c bos -n "__fish_bos_using_subcommand history" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand history" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand history" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand history" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand history" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand history" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand history" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand history" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand history" -l csv -d 'Print CSV instead of a table'
complete -c bos -n "__fish_bos_using_subcommand history" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand history" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand history" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand history" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand history" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand chart" -l since -d 'Oldest sample: RFC 3339, or a duration back from now (7d) [default: the first]' -r
complete -c bos -n "__fish_bos_using_subcommand chart" -l until -d 'Newest sample: RFC 3339, now, or a duration back from now [default: the last]' -r
complete -c bos -n "__fish_bos_using_subcommand chart" -l every -d 'Draw the last value of each bucket of this width (1h, ...) instead of every sample' -r
complete -c bos -n "__fish_bos_using_subcommand chart" -l out -d 'Write the chart to FILE.svg or FILE.png; without it, print a sparkline per series' -r -F
complete -c bos -n "__fish_bos_using_subcommand chart" -l title -d 'The chart\'s title [default: none]' -r
complete -c bos -n "__fish_bos_using_subcommand chart" -l width -d 'Width in pixels' -r
complete -c bos -n "__fish_bos_using_subcommand chart" -l height -d 'Height in pixels' -r
complete -c bos -n "__fish_bos_using_subcommand chart" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand chart" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand chart" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand chart" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand chart" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand chart" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand chart" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand chart" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand chart" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand chart" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand chart" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand chart" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand chart" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand rpc" -l api -d 'API name or id: database, network_broadcast, history, bookie, devnet, ...' -r
complete -c bos -n "__fish_bos_using_subcommand rpc" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand rpc" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand rpc" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand rpc" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand rpc" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand rpc" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand rpc" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand rpc" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand rpc" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand rpc" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand rpc" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand rpc" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand rpc" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand serve" -s c -l config -d 'Config file: bos-auto\'s config.yaml keys plus bos\'s own (see `bos config check`) [default: $XDG_CONFIG_HOME/bos/config.yaml when it exists]' -r -F
complete -c bos -n "__fish_bos_using_subcommand serve" -l listen -d 'Address to listen on [default: 127.0.0.1:8010]' -r
complete -c bos -n "__fish_bos_using_subcommand serve" -l proposer -d 'Witness account that proposes [default: config BOOKIE_PROPOSER]' -r
complete -c bos -n "__fish_bos_using_subcommand serve" -l approver -d 'Account that approves [default: config BOOKIE_APPROVER, else the proposer]' -r
complete -c bos -n "__fish_bos_using_subcommand serve" -l workers -d 'Number of workers (jobs of different events run in parallel) [default: 2]' -r
complete -c bos -n "__fish_bos_using_subcommand serve" -l checker -d 'An approval checker besides the config file\'s `checkers:`: a shell command, an http(s) URL, or a JSON object {name, command|url, timeout, on_error, own}' -r
complete -c bos -n "__fish_bos_using_subcommand serve" -l console-password-file -d 'File holding the console\'s password or token [else config console_password_file, BOS_CONSOLE_PASSWORD; --devnet makes one up and prints it]; without one the console is off' -r -F
complete -c bos -n "__fish_bos_using_subcommand serve" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand serve" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand serve" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand serve" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand serve" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand serve" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand serve" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand serve" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand serve" -l devnet -d 'Try it out: an in-process devnet with the example sports (or --sports), its witness init0 as proposer and approver with an ephemeral key, a temporary store (unless --db), and a clock starting at 2019-01-01 (unless --now)'
complete -c bos -n "__fish_bos_using_subcommand serve" -l no-scheduler -d 'Do not run the scheduler (bos-auto\'s --no-scheduler)'
complete -c bos -n "__fish_bos_using_subcommand serve" -l no-console -d 'Do not serve the console at / (it answers 404, as bos-auto\'s)'
complete -c bos -n "__fish_bos_using_subcommand serve" -l console-read-only -d 'The console shows pages only: no approvals, proposals or incidents'
complete -c bos -n "__fish_bos_using_subcommand serve" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand serve" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand serve" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand serve" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand serve" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand isalive" -l url -d 'The service\'s base URL' -r
complete -c bos -n "__fish_bos_using_subcommand isalive" -l token-file -d 'File holding a bearer token (needed when the service has provider tokens, unless it sets `isalive_open`); also from BOS_PROVIDER_TOKEN' -r -F
complete -c bos -n "__fish_bos_using_subcommand isalive" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand isalive" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand isalive" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand isalive" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand isalive" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand isalive" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand isalive" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand isalive" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand isalive" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand isalive" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand isalive" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand isalive" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand isalive" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand config; and not __fish_seen_subcommand_from check help" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand config; and not __fish_seen_subcommand_from check help" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand config; and not __fish_seen_subcommand_from check help" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand config; and not __fish_seen_subcommand_from check help" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand config; and not __fish_seen_subcommand_from check help" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand config; and not __fish_seen_subcommand_from check help" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand config; and not __fish_seen_subcommand_from check help" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand config; and not __fish_seen_subcommand_from check help" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand config; and not __fish_seen_subcommand_from check help" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand config; and not __fish_seen_subcommand_from check help" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand config; and not __fish_seen_subcommand_from check help" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand config; and not __fish_seen_subcommand_from check help" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand config; and not __fish_seen_subcommand_from check help" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand config; and not __fish_seen_subcommand_from check help" -f -a "check" -d 'Read a `bos serve` config file and explain what bos would do with it'
complete -c bos -n "__fish_bos_using_subcommand config; and not __fish_seen_subcommand_from check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand config; and __fish_seen_subcommand_from check" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand config; and __fish_seen_subcommand_from check" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand config; and __fish_seen_subcommand_from check" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand config; and __fish_seen_subcommand_from check" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand config; and __fish_seen_subcommand_from check" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand config; and __fish_seen_subcommand_from check" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand config; and __fish_seen_subcommand_from check" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand config; and __fish_seen_subcommand_from check" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand config; and __fish_seen_subcommand_from check" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand config; and __fish_seen_subcommand_from check" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand config; and __fish_seen_subcommand_from check" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bos -n "__fish_bos_using_subcommand config; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Read a `bos serve` config file and explain what bos would do with it'
complete -c bos -n "__fish_bos_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand completions" -l wallet -d 'Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand completions" -l sports -d 'The bookiesports chain folder (else the config file\'s `sports:`)' -r -F
complete -c bos -n "__fish_bos_using_subcommand completions" -l db -d 'The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]' -r -F
complete -c bos -n "__fish_bos_using_subcommand completions" -l now -d 'Act as if it were this time (RFC 3339), to replay recorded incidents; `incident replay` also takes `incident`: each incident\'s own timestamp' -r
complete -c bos -n "__fish_bos_using_subcommand completions" -l node -d 'Node websocket URL; repeat (or comma-separate) for failover, tried in order' -r
complete -c bos -n "__fish_bos_using_subcommand completions" -l node-timeout -d 'Seconds a node has to answer one request (and each step of connecting) before it is marked down and the next --node is used [default: the config file\'s node_timeout, else 5]' -r
complete -c bos -n "__fish_bos_using_subcommand completions" -l password-file -d 'Read the wallet password from this file (first line; `-`: stdin); else BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt' -r -F
complete -c bos -n "__fish_bos_using_subcommand completions" -s e -l expiration -d 'Transaction expiration in seconds from the head block time' -r
complete -c bos -n "__fish_bos_using_subcommand completions" -s d -l nobroadcast -d 'Build and sign, but do not broadcast; print the transaction'
complete -c bos -n "__fish_bos_using_subcommand completions" -s x -l unsigned -d 'Do not sign (implies not broadcasting); print the unsigned transaction'
complete -c bos -n "__fish_bos_using_subcommand completions" -l json -d 'Print machine-readable JSON instead of text and tables'
complete -c bos -n "__fish_bos_using_subcommand completions" -s h -l help -d 'Print help'
complete -c bos -n "__fish_bos_using_subcommand completions" -s V -l version -d 'Print version'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "key" -d 'Create, inspect and derive keys (offline)'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "tx" -d 'Encode, decode, sign and verify transactions (offline)'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "wallet" -d 'The encrypted key store: add, list, export keys; import python-peerplays wallets'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "sports" -d 'Check and list the sports data (bookiesports)'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "incident" -d 'Validate, store and inspect incidents'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "devnet" -d 'Run a local Peerplays node for tests and rehearsals'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "approve" -d 'Approve the proposer\'s own pending proposals now (bos-auto\'s self-approval)'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "proposals" -d 'Pending proposals with their operations named, and who approved them; show, approve or withdraw approval'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "propose" -d 'Propose BOS operations by hand: event and group statuses, resolutions, events, free-text groups and markets, sports sync (bos-mint\'s cart)'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "info" -d 'Show chain objects: no argument for the dynamic global properties, a block number, an object id a.b.c, a public key, or an account name'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "account" -d 'Show an account'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "balance" -d 'Balances of accounts, in each asset\'s units [default: the wallet\'s accounts]'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "transfer" -d 'Send an amount of an asset from one account to another (transfer)'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "fees" -d 'The chain\'s fee schedule, in the core asset'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "witness" -d 'Show a witness (`bos witness NAME` or `bos witness show NAME`), or change its url or signing key (`bos witness update`)'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "watch-witness" -d 'Watch a witness for missed blocks and switch its signing key to a backup'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "track" -d 'Record witness health, node lag and market odds as time series (`prune`: drop old samples)'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "history" -d 'Print a recorded series (downsampled with --every), or list the series'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "chart" -d 'Draw series on one time axis as SVG or PNG, or print sparklines'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "rpc" -d 'Call any node API method with JSON arguments'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "serve" -d 'The automated mode: take incidents over HTTP, store them, run the engine, retry and approve (bos-auto\'s api, worker and scheduler in one process)'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "isalive" -d 'Ask a running `bos serve` whether it is healthy (exit 6 when not, 7 when it does not answer)'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "config" -d 'Check configuration files'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c bos -n "__fish_bos_using_subcommand help; and not __fish_seen_subcommand_from key tx wallet sports incident devnet approve proposals propose info account balance transfer fees witness watch-witness track history chart rpc serve isalive config completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "new" -d 'Make a new key from a fresh BIP39 mnemonic'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "info" -d 'Show the public forms of a key (WIF or public key)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "derive" -d 'Derive an account\'s key from its password'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "brain" -d 'Derive a key from a brain key (as cli_wallet does)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "encode" -d 'Serialize a transaction or one operation to hex'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "decode" -d 'Decode hex back to node-form JSON'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "sign" -d 'Sign a transaction and print it with its signatures'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "verify" -d 'Recover and check the public keys behind a transaction\'s signatures'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "broadcast" -d 'Broadcast a signed transaction to the node (`--node`)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "init" -d 'Create a new, empty wallet'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "add-key" -d 'Add private keys (WIF)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "list" -d 'List the public keys in the wallet, with labels and accounts (with --node: the accounts are looked up on the node and kept)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "remove" -d 'Remove a key from the wallet (asks to confirm)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "export" -d 'Print a key\'s WIF (asks to confirm)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "change-password" -d 'Change the wallet password'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "import-python" -d 'Import the keys of a python-peerplays / uptick wallet (peerplays.sqlite)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from sports" -f -a "check" -d 'Validate a bookiesports chain folder and list every problem with its file and key'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from sports" -f -a "list" -d 'Show the sports, event groups, participants and BMGs as a tree'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "validate" -d 'Check incidents against the schema and normalize them against the sports data'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "add" -d 'Validate, normalize and store incidents'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "list" -d 'List stored incidents'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "show" -d 'Show the stored incidents with this unique string (every provider)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "events" -d 'One line per event and call: the event\'s id on chain (as the last job saw it), status and why, the proposals it made or approved, expiration, incident and provider counts'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "parse" -d 'Turn a unique string back into an incident (the reverse parser)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "replay" -d 'Feed incidents through intake and the triggers, in order, one job each'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "send" -d 'Send incidents to `bos serve` (or bos-auto) endpoints, with retries'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "new" -d 'Type an incident by hand (Couch Potato): menus fed only from bookiesports, or the same fields as flags; prints it (pipe it on), and stores it with --store'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "providers" -d 'Per provider: incidents by call, and how often its results agreed with the result that was settled'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from proposals" -f -a "show" -d 'One proposal in full: operations named, approvals, expiration'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from proposals" -f -a "approve" -d 'Add ACCOUNT\'s approval to proposals'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from proposals" -f -a "withdraw" -d 'Remove ACCOUNT\'s approval from proposals (bos-mint\'s "reject": a single witness cannot delete a BOS proposal)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from propose" -f -a "event-status" -d 'Set an event\'s status (event_update_status)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from propose" -f -a "bmg-status" -d 'Set a betting market group\'s status (betting_market_group_update)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from propose" -f -a "resolve" -d 'Resolve a closed group: one market wins, the others do not; or cancel all'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from propose" -f -a "create-event" -d 'An event with its groups and markets, named from bookiesports as the engine names them'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from propose" -f -a "create-bmg" -d 'A free-text betting market group (futures, novelty markets)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from propose" -f -a "create-bm" -d 'A free-text betting market'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from propose" -f -a "sync-sports" -d 'Create or update the sports, event groups and rules of --sports the chain lacks or has differently (bookiesports sync)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from witness" -f -a "show" -d 'Show a witness: signing key, url, missed blocks, last confirmed block, active or not'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from witness" -f -a "update" -d 'Change a witness\'s url or signing key (witness_update, signed with the witness account\'s active key from the wallet)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from track" -f -a "prune" -d 'Delete samples older than the retention limit, in small batches (writers go on)'
complete -c bos -n "__fish_bos_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "check" -d 'Read a `bos serve` config file and explain what bos would do with it'
