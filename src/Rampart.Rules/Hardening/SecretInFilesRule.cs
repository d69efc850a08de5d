using Rampart.Core.Files;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>Private keys, cloud credentials and tokens in files of any layer.</summary>
public sealed class SecretInFilesRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H011",
        "Secret in a file of the image",
        Severity.High,
        "Every layer of an image is downloadable on its own, so a key or token written by one step and deleted by a later one "
        + "is still shipped: each layer is scanned, not only the final file system. The files read are a bounded set where "
        + "credentials live (SSH and TLS private keys, .env files, cloud credential files, application settings such as "
        + "appsettings*.json, settings.py, database.yml, Terraform variables and state) and their content must match a known "
        + "credential format (reported at that format's severity) or, in .env files, a secret-named assignment (medium). "
        + "Key stores (.jks, .p12, .pfx, .keystore, .kdbx, .ovpn) are reported by name at medium. Paths where packages ship "
        + "samples and test data (/usr/share, /usr/lib, test, tests, testdata, fixtures, examples, vendor, node_modules, "
        + "site-packages, *.md) are skipped, as are binary files and values containing EXAMPLE.",
        "Keep secrets out of the build context (.dockerignore), use `RUN --mount=type=secret` for build-time credentials and "
        + "multi-stage builds so only outputs reach the final image; rotate what leaked.",
        ["CIS-DI-0010", "CIS-4.10", "NIST-800-190-3.1.4"]);

    private static readonly string[] KeyStoreExtensions = [".jks", ".keystore", ".p12", ".pfx", ".kdbx", ".ovpn"];

    private static readonly FileSelection Selection = new(Globs);

    private static string[] Globs =>
    [
        "**/id_rsa", "**/id_dsa", "**/id_ecdsa", "**/id_ed25519", "**/*.pem", "**/*.key", "**/*.p8",
        "**/.env", "**/*.env", "**/credentials", "**/credentials.json", "**/*credentials*.json", "**/*service-account*.json",
        "**/appsettings*.json", "**/settings.py", "**/database.yml", "**/secrets.yml", "**/secrets.yaml",
        "**/*.tfvars", "**/*.tfstate",
    ];

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = Globs;

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var file in LayerFiles.Matching(context, Selection).Where(f => !LayerFiles.IsSampleOrVendorPath(f.Entry.Path)))
        {
            if (file.Text is not { } text)
            {
                continue;
            }

            var where = $"layer {file.Layer} in the {context.Boundary.DescribeLayer(file.Layer)}{LayerFiles.LaterFate(context, file)}";
            var matches = SecretPatterns.Scan(text).ToList();
            foreach (var match in matches)
            {
                yield return Create(context, file, $"{Text.Capitalise(match.Pattern.Description)} in {file.Entry.Path}", $"{file.Entry.Path} line {match.Line}: {match.Pattern.Description} {SecretRedactor.Redact(match.Secret)}; {where}", match.Pattern.Severity);
            }

            if (matches.Count == 0 && IsEnvFile(file.Entry.Path))
            {
                foreach (var (name, value, line) in EnvFileAssignments(text))
                {
                    if (SecretNames.LooksSecret(name, context.Policy.AcceptedSecretNames) && SecretNames.IsSecretValue(value, context.Snapshot.Files))
                    {
                        yield return Create(context, file, $"Secret-named value {name} in {file.Entry.Path}", $"{file.Entry.Path} line {line}: {name}={SecretRedactor.Redact(value)}; {where}", Severity.Medium);
                    }
                }
            }
        }

        foreach (var layer in context.Snapshot.Layers)
        {
            foreach (var entry in layer.Entries.Values.Where(e => e.IsRegular && IsKeyStore(e.Path)).OrderBy(e => e.Path, StringComparer.Ordinal))
            {
                var file = new LayerFile(layer.Index, entry, null);
                yield return Create(
                    context,
                    file,
                    $"Key store {entry.Path}",
                    $"{entry.Path} ({entry.Size} bytes); layer {layer.Index} in the {context.Boundary.DescribeLayer(layer.Index)}{LayerFiles.LaterFate(context, file)}",
                    Severity.Medium);
            }
        }
    }

    private static Finding Create(RuleContext context, LayerFile file, string title, string evidence, Severity severity) =>
        Rule.Create(title, evidence, [new FindingLocation(file.Entry.Path, file.Layer)], context.LineOfLayer(file.Layer), severity);

    private static bool IsEnvFile(string path) => ImagePath.FileName(path) == ".env" || path.EndsWith(".env", StringComparison.Ordinal);

    private static bool IsKeyStore(string path) =>
        KeyStoreExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)) && !LayerFiles.IsSampleOrVendorPath(path);

    private static IEnumerable<(string Name, string Value, int Line)> EnvFileAssignments(string text)
    {
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && line[0] != '#')
            {
                yield return (line[..equals].Trim(), line[(equals + 1)..].Trim(), number);
            }
        }
    }
}
