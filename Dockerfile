# The GitHub Action's image: the rampart CLI, published self-contained for Linux, on runtime-deps (the native
# libraries .NET needs and nothing else: no SDK, no shared runtime, no shell tools of ours).
#
#   docker build -t rampart .
#   docker run --rm -v /var/run/docker.sock:/var/run/docker.sock -v "$PWD:/work" -w /work rampart scan docker:IMAGE
#
# Not trimmed: the configuration binder, YamlDotNet, Docker.DotNet and the CycloneDX serializers use reflection, and
# trim warnings are build errors here (TreatWarningsAsErrors).

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TARGETARCH
# The release's version (1.2.3, from the tag); empty keeps the version in src/Directory.Build.props.
ARG VERSION=
WORKDIR /source

# Every project under src/ goes in, so a project added later cannot be left out of the image.
COPY global.json .editorconfig ./
COPY src/ src/
RUN case "${TARGETARCH:-amd64}" in \
        amd64) echo linux-x64 ;; \
        arm64) echo linux-arm64 ;; \
        *) echo "unsupported architecture ${TARGETARCH}" >&2; exit 1 ;; \
    esac > /tmp/rid \
 && dotnet restore src/Rampart.Cli/Rampart.Cli.csproj --runtime "$(cat /tmp/rid)"
RUN dotnet publish src/Rampart.Cli/Rampart.Cli.csproj \
        --configuration Release \
        --runtime "$(cat /tmp/rid)" \
        --self-contained true \
        --no-restore \
        --output /app \
        -p:ContinuousIntegrationBuild=true \
        -p:DebugType=none \
        ${VERSION:+"-p:Version=$VERSION"} \
 && test -x /app/rampart

FROM mcr.microsoft.com/dotnet/runtime-deps:${DOTNET_VERSION} AS final
ARG VERSION=dev
LABEL org.opencontainers.image.title="rampart" \
      org.opencontainers.image.description="Container-image gate: SBOM, hardening and vendor lock-in" \
      org.opencontainers.image.version="${VERSION}"
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
COPY --from=build /app /app
# action.yml's entrypoint: drops inputs left empty and turns multi-line inputs into repeated arguments.
COPY --chmod=0755 src/Rampart.Cli/action-entrypoint.sh /app/action-entrypoint.sh
# GitHub runs container actions as root with the workspace and the runner's Docker socket mounted; a USER here
# would lose access to both (GitHub's documentation says not to set one). Outside Actions, run with --user.
WORKDIR /github/workspace
ENTRYPOINT ["/app/rampart"]
