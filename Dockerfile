# The GitHub Action's image: the rampart CLI, published self-contained for Linux, on runtime-deps (the native
# libraries .NET needs and nothing else: no SDK, no shared runtime, no shell tools of ours).
#
#   docker build -t rampart .
#   docker run --rm -v /var/run/docker.sock:/var/run/docker.sock -v "$PWD:/work" -w /work rampart scan docker:IMAGE
#
# For development, the `prebuilt` target takes rampart published on the host instead of the SDK stage, on any base
# with .NET's native dependencies (RUNTIME_BASE); the classic builder then needs neither image from
# mcr.microsoft.com (README, "Building the action image"):
#
#   dotnet publish src/Rampart.Cli/Rampart.Cli.csproj @src/Rampart.Cli/action-image.rsp --runtime linux-x64 --output prebuilt
#   docker build --target prebuilt --build-arg RUNTIME_BASE=IMAGE -t rampart:dev .
#
# The stages are in this order because the classic builder builds every stage up to the target, whether the target
# needs it or not: `prebuilt` comes before the SDK stage, and the folder it copies is in every checkout (holding
# only a README, left out of the context), so the default target still builds where nothing was published. The
# released image is the last stage.

ARG DOTNET_VERSION=10.0
ARG RUNTIME_BASE=mcr.microsoft.com/dotnet/runtime-deps:${DOTNET_VERSION}

# Everything the image is besides rampart itself, the same for both ways of building it.
FROM ${RUNTIME_BASE} AS runtime
ARG VERSION=dev
LABEL org.opencontainers.image.title="rampart" \
      org.opencontainers.image.description="Container-image gate: SBOM, hardening and vendor lock-in" \
      org.opencontainers.image.version="${VERSION}"
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
# action.yml's entrypoint: drops inputs left empty and turns multi-line inputs into repeated arguments. Its mode
# (0755) comes from the repository: the classic builder has no COPY --chmod.
COPY src/Rampart.Cli/action-entrypoint.sh /app/action-entrypoint.sh
# GitHub runs container actions as root with the workspace and the runner's Docker socket mounted; a USER here
# would lose access to both (GitHub's documentation says not to set one). Outside Actions, run with --user.
WORKDIR /github/workspace
ENTRYPOINT ["/app/rampart"]

# rampart published on the host with src/Rampart.Cli/action-image.rsp into prebuilt/.
FROM runtime AS prebuilt
COPY prebuilt/ /app/

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TARGETARCH
# The release's version (1.2.3, from the tag); empty keeps the version in src/Directory.Build.props.
ARG VERSION=
WORKDIR /source

# Every project under src/ goes in, so a project added later cannot be left out of the image.
COPY global.json .editorconfig ./
COPY src/ src/
RUN case "${TARGETARCH:-amd64}" in \
        amd64) rid=linux-x64 ;; \
        arm64) rid=linux-arm64 ;; \
        *) echo "unsupported architecture ${TARGETARCH}" >&2; exit 1 ;; \
    esac \
 && dotnet publish src/Rampart.Cli/Rampart.Cli.csproj @src/Rampart.Cli/action-image.rsp \
        --runtime "$rid" \
        --output /app \
        ${VERSION:+"-p:Version=$VERSION"} \
 && test -x /app/rampart

# The released image.
FROM runtime AS final
COPY --from=build /app /app
