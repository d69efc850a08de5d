using System.Globalization;
using Rampart.Core.Results;

namespace Rampart.Reporting.Results;

/// <summary>A results file read for <c>--merge</c>, under the name the user gave it.</summary>
/// <param name="Name">The path as given on the command line; errors and notes name it.</param>
/// <param name="Results">What <see cref="ResultsReader"/> read from it.</param>
public sealed record ResultsSource(string Name, ScanResults Results);

/// <summary>The images of a merge, each once, and what the merge had to decide on the way.</summary>
/// <param name="Images">Images scanned in this run first, then each file's in the order given; duplicates left out.</param>
/// <param name="Notes">One sentence per image left out as a duplicate and per file written by another Rampart version.</param>
public sealed record MergedImages(IReadOnlyList<ImageResult> Images, IReadOnlyList<string> Notes);

/// <summary>
/// Puts the images of results files written by earlier scans next to the images scanned in this run. Only the images
/// are taken: the caller builds the results from them with <see cref="ScanResults.Create"/> and
/// <see cref="Gate.Evaluate"/>, so the fleet view and the gate of a merge are computed exactly as for images scanned
/// together.
/// </summary>
public static class ResultsMerge
{
    /// <summary>What names the images scanned in this run in notes.</summary>
    public const string ThisRun = "this run";

    /// <summary>
    /// Combines <paramref name="scanned"/> and the images of <paramref name="files"/>. An image is a duplicate when an
    /// earlier one has the same image id (the config digest: same layers and config, wherever it was read from); the
    /// first is kept, so a fresh scan wins over a file and earlier files over later ones.
    /// </summary>
    /// <param name="scanned">Images scanned in this run.</param>
    /// <param name="files">Results files in the order given, each passed by <see cref="Check"/> when it was read.</param>
    /// <param name="writer">The Rampart that writes the merged results.</param>
    public static MergedImages Combine(IReadOnlyList<ImageResult> scanned, IReadOnlyList<ResultsSource> files, ToolInfo writer)
    {
        ArgumentNullException.ThrowIfNull(scanned);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(writer);
        var notes = new List<string>();
        foreach (var file in files)
        {
            if (file.Results.Tool.Version != writer.Version)
            {
                notes.Add($"'{file.Name}' was written by Rampart {file.Results.Tool.Version} (this is {writer.Version}): "
                    + "its images keep the findings, scores and levels that version gave them.");
            }
        }

        var images = new List<ImageResult>();
        var firstSeenIn = new Dictionary<string, string>(StringComparer.Ordinal);
        var all = scanned.Select(image => (Source: ThisRun, Image: image))
            .Concat(files.SelectMany(file => file.Results.Images.Select(image => (Source: $"'{file.Name}'", Image: image))));
        foreach (var (source, image) in all)
        {
            if (firstSeenIn.TryGetValue(image.ImageId, out var first))
            {
                notes.Add($"{image.Reference} in {source} is image {image.ImageId}, already taken from {first}: reported once, as {first} has it.");
                continue;
            }

            firstSeenIn[image.ImageId] = source;
            images.Add(image);
        }

        return new MergedImages(images, notes);
    }

    /// <summary>
    /// Whether <paramref name="writer"/> can merge <paramref name="file"/> without losing anything: its results schema
    /// must not be newer than the one written. <see cref="ResultsReader"/> has already refused other major versions.
    /// </summary>
    /// <exception cref="ResultsFileException">The schema version is newer or not <c>MAJOR.MINOR</c>; the message names the file.</exception>
    public static void Check(ResultsSource file, ToolInfo writer)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(writer);
        var version = file.Results.SchemaVersion;
        if (Minor(version) is not { } minor)
        {
            throw new ResultsFileException($"'{file.Name}' has results schemaVersion \"{version}\", which is not MAJOR.MINOR.");
        }

        if (minor > Minor(ScanResults.CurrentSchemaVersion))
        {
            throw new ResultsFileException(
                $"'{file.Name}' has results schemaVersion \"{version}\" (Rampart {file.Results.Tool.Version}), newer than the "
                + $"{ScanResults.CurrentSchemaVersion} this Rampart ({writer.Version}) writes: merging would drop what it does not know. "
                + $"Merge with Rampart {file.Results.Tool.Version} or later.");
        }
    }

    /// <summary>The minor part of a <c>MAJOR.MINOR</c> schema version; the reader has already checked the major.</summary>
    private static int? Minor(string version)
    {
        var parts = version.Split('.');
        return parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor) ? minor : null;
    }
}
