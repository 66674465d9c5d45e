# Sourced by the cluster/ scripts: makes sure the machine has what ECS builds and runs with.
#
# Installs only what is missing, with apt-get (run as root, or with sudo available), so that the
# README's commands work on a fresh Debian machine with the Swift toolchain and are quick on a
# machine that already has everything.

# Debian packages ECS needs: LMDB (the store), OpenSSL (node-to-node TLS certificates),
# pkg-config (how SwiftPM finds LMDB).
ECS_APT_PACKAGES=(liblmdb-dev libssl-dev openssl pkg-config)

ecs_missing_packages() {
    local package
    for package in "${ECS_APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || echo "$package"
    done
}

ecs_ensure_dependencies() {
    if ! command -v swift >/dev/null 2>&1; then
        echo "error: the Swift toolchain (swift 6.1 or later) is not on PATH" >&2
        return 1
    fi
    local missing
    missing=$(ecs_missing_packages | tr '\n' ' ')
    if [ -n "${missing// /}" ]; then
        echo "==> installing missing packages: $missing"
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        # shellcheck disable=SC2086 # the list is meant to split into words
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
    fi
}
