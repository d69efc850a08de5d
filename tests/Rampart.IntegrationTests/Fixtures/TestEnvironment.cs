namespace Rampart.IntegrationTests.Fixtures;

/// <summary>
/// Where the integration tests find their services. <c>tests/run.sh</c> starts a private engine and a registry and
/// exports <c>RAMPARTTEST_DOCKER_HOST</c> and <c>RAMPARTTEST_REGISTRY</c>; run alone, the tests take
/// <c>DOCKER_HOST</c> or <c>/var/run/docker.sock</c>.
/// </summary>
internal static class TestEnvironment
{
    /// <summary>
    /// True in CI (<c>CI=true</c>) and under <c>tests/run.sh</c> (<c>RAMPARTTEST_REQUIRE_SERVICES=1</c>): a missing
    /// engine, registry or tool then fails the tests that need it instead of skipping them.
    /// </summary>
    public static bool ServicesRequired => IsTrue("CI") || IsTrue("RAMPARTTEST_REQUIRE_SERVICES");

    /// <summary>The engine to test against, or <see langword="null"/> when none is named or present.</summary>
    public static Uri? DockerEndpoint
    {
        get
        {
            if (Variable("RAMPARTTEST_DOCKER_HOST") is { } host)
            {
                return new Uri(host);
            }

            if (ServicesRequired)
            {
                // Never fall back to whatever engine happens to run on a CI machine: run.sh names the one it started.
                return null;
            }

            if (Variable("DOCKER_HOST") is { } dockerHost)
            {
                return new Uri(dockerHost);
            }

            return File.Exists("/var/run/docker.sock") ? new Uri("unix:///var/run/docker.sock") : null;
        }
    }

    /// <summary><c>host:port</c> of a distribution registry speaking plain HTTP, or <see langword="null"/>.</summary>
    public static string? Registry => Variable("RAMPARTTEST_REGISTRY");

    /// <summary>The docker CLI that builds and saves the fixtures: Debian's, which matches Debian's engine, when present.</summary>
    public static string DockerCli => Variable("RAMPARTTEST_DOCKER_CLI") ?? (File.Exists("/usr/bin/docker") ? "/usr/bin/docker" : "docker");

    /// <summary>The root filesystem tarball of the base image, when <c>tests/run.sh</c> made it already.</summary>
    public static string? BaseRootfs => Variable("RAMPARTTEST_BASE_ROOTFS");

    /// <summary>Scratch space for archives and layouts; <c>tests/run.sh</c> gives one it deletes afterwards.</summary>
    public static string? WorkDirectory => Variable("RAMPARTTEST_WORK_DIR");

    /// <summary>The copy of <c>fixtures/</c> next to the test assembly.</summary>
    public static string FixturesDirectory => Path.Combine(AppContext.BaseDirectory, "fixtures");

    /// <summary>
    /// Does nothing when <paramref name="missing"/> is <see langword="null"/>; otherwise fails the test when services
    /// are required, and skips it with the reason when they are not.
    /// </summary>
    public static void Require(string? missing)
    {
        if (missing is null)
        {
            return;
        }

        if (ServicesRequired)
        {
            throw new InvalidOperationException(
                $"{missing}. Integration tests never skip in CI (CI=true) or under tests/run.sh (RAMPARTTEST_REQUIRE_SERVICES=1).");
        }

        throw new SkipException($"{missing}; run tests/run.sh to get a private engine and registry.");
    }

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static bool IsTrue(string name) =>
        Variable(name) is { } value && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
}
