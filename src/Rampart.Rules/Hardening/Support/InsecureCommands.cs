using Rampart.Core.Dockerfiles;

namespace Rampart.Rules.Hardening.Support;

/// <summary>Command-line options and environment settings that turn off TLS or package signature checks.</summary>
internal static class InsecureCommands
{
    private static readonly string[] Python = ["python", "python3"];
    private static readonly string[] AptTools = ["apt-get", "apt", "aptitude"];
    private static readonly string[] RpmTools = ["yum", "dnf", "microdnf", "tdnf"];
    private static readonly string[] NodeTools = ["npm", "yarn", "pnpm"];

    /// <summary>Environment settings that disable verification for every process that sees them.</summary>
    public static string? DescribeEnvironment(string name, string value)
    {
        var off = value.Trim().Trim('"', '\'');
        return name.ToUpperInvariant() switch
        {
            "NODE_TLS_REJECT_UNAUTHORIZED" when off == "0" => "NODE_TLS_REJECT_UNAUTHORIZED=0 disables TLS verification in Node.js",
            "PYTHONHTTPSVERIFY" when off == "0" => "PYTHONHTTPSVERIFY=0 disables TLS verification in Python",
            "GIT_SSL_NO_VERIFY" when off.Length > 0 && off is not "0" and not "false" => "GIT_SSL_NO_VERIFY disables TLS verification in Git",
            "PIP_TRUSTED_HOST" when off.Length > 0 => "PIP_TRUSTED_HOST lets pip skip TLS verification",
            "NPM_CONFIG_STRICT_SSL" when off.Equals("false", StringComparison.OrdinalIgnoreCase) => "npm_config_strict_ssl=false disables TLS verification in npm",
            "GOINSECURE" when off.Length > 0 => "GOINSECURE lets Go fetch modules without TLS verification",
            _ => null,
        };
    }

    /// <summary>What a command turns off, or <see langword="null"/> when it turns off nothing.</summary>
    public static string? Describe(ShellCommand command)
    {
        foreach (var (name, value) in command.Assignments.Select(Assignments.Split))
        {
            if (DescribeEnvironment(name, value) is { } environment)
            {
                return environment;
            }
        }

        var program = command.Program;
        var args = command.Arguments;
        bool Has(params string[] options) => args.Any(a => options.Any(o => a == o || a.StartsWith(o + "=", StringComparison.Ordinal)));
        bool HasText(string text) => args.Any(a => a.Contains(text, StringComparison.OrdinalIgnoreCase));

        return program switch
        {
            "export" => args.Select(Assignments.Split).Select(p => DescribeEnvironment(p.Key, p.Value)).FirstOrDefault(d => d is not null),
            "curl" when Has("--insecure") || args.Any(a => a.Length > 1 && a[0] == '-' && a[1] != '-' && a.Contains('k', StringComparison.Ordinal)) =>
                "curl -k/--insecure skips TLS verification",
            "wget" when Has("--no-check-certificate") => "wget --no-check-certificate skips TLS verification",
            "pip" or "pip3" when Has("--trusted-host") => "pip --trusted-host skips TLS verification",
            _ when Python.Contains(program) && args.Count > 1 && args[0] == "-m" && args[1] == "pip" && Has("--trusted-host") => "pip --trusted-host skips TLS verification",
            _ when AptTools.Contains(program) && (Has("--allow-unauthenticated", "--force-yes", "--allow-insecure-repositories") || HasText("AllowUnauthenticated=true") || HasText("AllowInsecureRepositories=true")) =>
                $"{program} installs unauthenticated packages",
            "apk" when Has("--allow-untrusted") => "apk --allow-untrusted installs unsigned packages",
            "rpm" when Has("--nosignature", "--nodigest", "--nofiledigest") => "rpm skips signature or digest checks",
            _ when RpmTools.Contains(program) && (Has("--nogpgcheck") || HasText("sslverify=0") || HasText("sslverify=false")) => $"{program} skips signature or TLS checks",
            "zypper" when Has("--no-gpg-checks") => "zypper --no-gpg-checks skips signature checks",
            _ when NodeTools.Contains(program) && (args.Any(a => a.Equals("--strict-ssl=false", StringComparison.OrdinalIgnoreCase)) || IsConfigSet(args, "strict-ssl", "false")) => $"{program} strict-ssl false disables TLS verification",
            "git" when HasText("http.sslVerify=false") || IsConfigSet(args, "http.sslverify", "false") => "git http.sslVerify false disables TLS verification",
            _ => null,
        };
    }

    /// <summary><c>tool config set KEY VALUE</c> or <c>git config [--global] KEY VALUE</c>.</summary>
    private static bool IsConfigSet(IReadOnlyList<string> args, string key, string value)
    {
        var at = args.ToList().FindIndex(a => a.Equals(key, StringComparison.OrdinalIgnoreCase));
        return at > 0 && at + 1 < args.Count && args[at + 1].Equals(value, StringComparison.OrdinalIgnoreCase)
            && args.Take(at).Any(a => a is "config" or "c");
    }
}
