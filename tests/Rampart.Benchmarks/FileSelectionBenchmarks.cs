using BenchmarkDotNet.Attributes;
using DotNet.Globbing;
using Rampart.Core.Files;

namespace Rampart.Benchmarks;

/// <summary>
/// <see cref="FileSelection.WantsContent"/> with the scan's globs over every regular file of the layers: the reader
/// asks it once per entry. The result is for all paths; divide by the path count (printed) for the cost per entry.
/// </summary>
public class FileSelectionBenchmarks
{
    private (string Path, long Size)[] _files = [];
    private FileSelection _selection = FileSelection.HeadersOnly;
    private Glob[] _globs = [];

    [GlobalSetup]
    public async Task Setup()
    {
        _files = [.. await BenchData.RegularFilesAsync().ConfigureAwait(false)];
        _selection = new FileSelection(BenchData.ScanSelection.Globs);
        var wanted = _files.Count(f => _selection.WantsContent(f.Path, f.Size));
        // The selection indexes its globs; it must agree with matching every glob against every path.
        _globs = _selection.Globs.Select(g => Glob.Parse(g, new GlobOptions { Evaluation = { CaseInsensitive = false } })).ToArray();
        foreach (var (path, size) in _files)
        {
            var expected = size <= _selection.MaxFileBytes && _globs.Any(g => g.IsMatch(path));
            if (_selection.WantsContent(path, size) != expected)
            {
                throw new InvalidOperationException($"FileSelection.WantsContent({path}) is {!expected}, every-glob matching says {expected}");
            }
        }

        Console.WriteLine($"// {_files.Length} regular files, {wanted} selected by {_selection.Globs.Count} globs (layers: {BenchData.Source})");
    }

    /// <summary>What <see cref="FileSelection"/> did before it indexed its globs: every glob against every path.</summary>
    [Benchmark(Baseline = true)]
    public int EveryGlobAllPaths()
    {
        var wanted = 0;
        foreach (var (path, size) in _files)
        {
            if (size <= _selection.MaxFileBytes && _globs.Any(g => g.IsMatch(path)))
            {
                wanted++;
            }
        }

        return wanted;
    }

    [Benchmark]
    public int WantsContentAllPaths()
    {
        var wanted = 0;
        foreach (var (path, size) in _files)
        {
            if (_selection.WantsContent(path, size))
            {
                wanted++;
            }
        }

        return wanted;
    }

    [Benchmark]
    public FileSelection BuildScanSelection() => new(BenchData.ScanSelection.Globs);
}
