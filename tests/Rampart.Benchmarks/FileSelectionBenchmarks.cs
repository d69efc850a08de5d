using BenchmarkDotNet.Attributes;
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

    [GlobalSetup]
    public async Task Setup()
    {
        _files = [.. await BenchData.RegularFilesAsync().ConfigureAwait(false)];
        _selection = new FileSelection(BenchData.ScanSelection.Globs);
        var wanted = _files.Count(f => _selection.WantsContent(f.Path, f.Size));
        Console.WriteLine($"// {_files.Length} regular files, {wanted} selected by {_selection.Globs.Count} globs (layers: {BenchData.Source})");
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
