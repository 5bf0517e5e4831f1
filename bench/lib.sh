# bench/lib.sh -- what the bench scripts share; sourced, never run. Set ROOT (the repository) before sourcing.
#   say TEXT...             progress to stderr
#   need_apt PACKAGE...     installs Debian packages that are missing (with sudo unless root)
#   armada_archive          sets ARCHIVE to the distribution archive, building it when it is missing
#   free_port               a free TCP port on loopback (20000-31999: below the kernel's ephemeral range)
#   median                  the median of the numbers on stdin, one a line ("n/a" for none)
#   stop_instance HOME      bin/stop, then waits up to 60 s for its pid, then kill -9
#   unpack_instance WORK    unpacks ARCHIVE into WORK and sets HOME_DIR
#   start_instance WORK TOKEN PATH...
#                           unpacks ARCHIVE into WORK (unless HOME_DIR already names an unpacked instance, e.g. one
#                           whose etc/ the script changed first) and starts it on free loopback ports with its data in
#                           WORK/data;
#                           sets HOME_DIR, HTTP_PORT, SSH_PORT and BASE, and waits up to 180 s until each PATH answers
#                           200 with the token (exits when one does not)

say() { printf '%s\n' "$*" >&2; }

need_apt() {
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    say "installing $* (Debian packages)"
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

armada_archive() {
    ARCHIVE=$(ls "$ROOT"/karaf-distribution/target/armada-*.tar.gz 2>/dev/null | head -n 1 || true)
    if [ -z "$ARCHIVE" ]; then
        say "building the archive (mvn package -DskipTests)"
        (cd "$ROOT" && mvn -B -ntp -q package -DskipTests)
        ARCHIVE=$(ls "$ROOT"/karaf-distribution/target/armada-*.tar.gz | head -n 1)
    fi
}

free_port() {
    local p
    for _ in $(seq 1 200); do
        p=$(( 20000 + RANDOM % 12000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return
        fi
    done
    say "no free port found"; exit 1
}

median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

stop_instance() {
    local home=$1 pid
    [ -n "$home" ] && [ -f "$home/karaf.pid" ] || return 0
    pid=$(cat "$home/karaf.pid" 2>/dev/null || true)
    (cd "$home" && bin/stop >/dev/null 2>&1) || true
    for _ in $(seq 1 60); do
        [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
}

unpack_instance() {
    tar xzf "$ARCHIVE" -C "$1"
    HOME_DIR=$(ls -d "$1"/armada-*/ | head -n 1)
    HOME_DIR=${HOME_DIR%/}
}

start_instance() {
    local work=$1 token=$2 up path
    shift 2
    if [ -z "${HOME_DIR:-}" ] || [ ! -d "$HOME_DIR" ]; then
        unpack_instance "$work"
    fi
    HTTP_PORT=$(free_port)
    SSH_PORT=$(free_port)
    while [ "$SSH_PORT" = "$HTTP_PORT" ]; do SSH_PORT=$(free_port); done
    BASE="http://127.0.0.1:$HTTP_PORT"
    say "starting $(basename "$HOME_DIR") on 127.0.0.1:$HTTP_PORT (data in $work/data)"
    (cd "$HOME_DIR" && ARMADA_HTTP_PORT=$HTTP_PORT ARMADA_SSH_PORT=$SSH_PORT ARMADA_TOKEN=$token \
        ARMADA_DATA="$work/data" bin/start)
    for path in "$@"; do
        up=0
        for _ in $(seq 1 180); do
            if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "X-Armada-Token: $token" "$BASE$path")" = 200 ]; then
                up=1; break
            fi
            sleep 1
        done
        [ "$up" = 1 ] || { say "$path did not answer 200 within 180 s"; exit 1; }
    done
}
