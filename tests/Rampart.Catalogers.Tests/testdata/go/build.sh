#!/bin/sh
# Builds the Go fixture of the Go binary cataloger tests into OUT_DIR (Rampart.Catalogers.Tests runs it once per test
# run; nothing is committed). hello/ is module example.com/rampart/hello, which requires example.com/rampart/greeting
# v0.3.0 and replaces it with the local directory ../greeting: nothing is downloaded (GOPROXY=off, GOFLAGS=-mod=mod).
# The build runs in a fresh git repository with a fixed commit date, so the binary records vcs.revision and vcs.time;
# -ldflags with a space makes Go quote that build setting (Go records -ldflags only without -trimpath). Writes OUT_DIR/hello and OUT_DIR/hello.pie (-buildmode=pie).
# Needs Debian's golang-go (Go 1.18 or later) and git.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$here/hello" "$here/greeting" "$work/"
export GOPROXY=off GOFLAGS=-mod=mod GOPATH="$work/gopath" GOCACHE="$work/gocache" GOTOOLCHAIN=local CGO_ENABLED=0 GO111MODULE=on
export GIT_AUTHOR_DATE=2024-05-06T07:08:09Z GIT_COMMITTER_DATE=2024-05-06T07:08:09Z
cd "$work"
git init -q . && git -c user.name=rampart -c user.email=rampart@example.com add -A \
    && git -c user.name=rampart -c user.email=rampart@example.com commit -q -m fixture
cd hello
go build -ldflags='-X main.version=1.2.3 -s' -o "$out/hello" .
go build -trimpath -buildmode=pie -o "$out/hello.pie" .
