# Starting and waiting for ecs-node processes, shared by cluster/up and cluster/up-regions.
# Expects BIN (the ecs-node binary) and ECS_HOME (where data, logs and pids go); with ECS_CACERT
# set (a TLS cluster) the nodes are asked over https, trusting that CA.

# ecs_start_node NAME REGION HTTP_PORT RAFT_PORT PEERS [more ecs-node flags...]
# Starts NAME in the background unless it already runs (its pid file names a live process).
ecs_start_node() {
    local name=$1 region=$2 http=$3 raft=$4 peers=$5
    shift 5
    local pidfile="$ECS_HOME/$name.pid"
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        echo "==> $name already running (pid $(cat "$pidfile"))"
        return
    fi
    echo "==> starting $name in region $region (http 127.0.0.1:$http, raft 127.0.0.1:$raft)"
    nohup "$BIN" --id "$name" --region "$region" --data-dir "$ECS_HOME/$name" \
        --http "127.0.0.1:$http" --raft "127.0.0.1:$raft" \
        --peers "$peers" --auth-secret-file "$ECS_HOME/secret" ${ECS_NODE_CONFIG:+--config "$ECS_NODE_CONFIG"} "$@" \
        >"$ECS_HOME/$name.log" 2>&1 &
    echo $! >"$pidfile"
}

# ecs_wait_ready NAME HTTP_PORT: waits (60 s at most) until NAME answers /readyz; exits with its
# log's tail when it dies or stays unready.
ecs_wait_ready() {
    local name=$1 http=$2
    local deadline=$((SECONDS + 60))
    local scheme=http
    [ -n "${ECS_CACERT:-}" ] && scheme=https
    until curl -fsS ${ECS_CACERT:+--cacert "$ECS_CACERT"} "$scheme://127.0.0.1:$http/readyz" >/dev/null 2>&1; do
        if ! kill -0 "$(cat "$ECS_HOME/$name.pid")" 2>/dev/null; then
            echo "error: $name exited; its log ($ECS_HOME/$name.log) ends with:" >&2
            tail -n 5 "$ECS_HOME/$name.log" >&2
            exit 1
        fi
        if [ $SECONDS -ge $deadline ]; then
            echo "error: $name not ready after 60 s; see $ECS_HOME/$name.log" >&2
            exit 1
        fi
        sleep 0.2
    done
}

# ecs_ensure_secret: a random auth secret in $ECS_HOME/secret unless one is there.
ecs_ensure_secret() {
    if [ ! -s "$ECS_HOME/secret" ]; then
        head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$ECS_HOME/secret"
        chmod 600 "$ECS_HOME/secret"
    fi
}
