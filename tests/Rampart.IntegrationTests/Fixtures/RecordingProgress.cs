using System.Collections.Concurrent;

namespace Rampart.IntegrationTests.Fixtures;

/// <summary>Keeps every progress line a source reports, in order, whatever thread reports it.</summary>
internal sealed class RecordingProgress : IProgress<string>
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Report(string value) => _lines.Enqueue(value);
}
