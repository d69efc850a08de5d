using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rampart.Publishing.GitHub;

/// <summary>
/// The pull request a degraded run could not post to, saved beside the results for <c>rampart publish</c> in a
/// <c>workflow_run</c> workflow (whose event lists no pull request when it came from a fork). The file comes from an
/// untrusted run, so the publisher checks it against the API before posting.
/// </summary>
internal sealed record PullRequestFile(
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("headSha")] string HeadSha,
    [property: JsonPropertyName("repository")] string Repository)
{
    public const string FileName = "rampart-pull-request.json";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string PathBeside(string resultsPath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resultsPath))!, FileName);

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Options) + "\n", cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="FormatException">The file is not a pull-request file.</exception>
    public static async Task<PullRequestFile?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var file = JsonSerializer.Deserialize<PullRequestFile>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), Options);
            return file is { Number: > 0, HeadSha.Length: > 0, Repository.Length: > 0 } ? file : throw new FormatException($"{path}: number, headSha and repository are required.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a pull-request file: {e.Message}", e);
        }
    }
}
