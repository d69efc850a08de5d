using System.Text;

namespace Rampart.Reporting.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Writes_the_content_and_nothing_else()
    {
        var path = _directory.Combine("report.json");

        await AtomicFile.WriteAsync(path, stream => stream.WriteAsync(Encoding.UTF8.GetBytes("{}")).AsTask());

        Assert.Equal("{}", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    [Fact]
    public async Task Replaces_an_existing_file_whole()
    {
        var path = _directory.Combine("report.json");
        await File.WriteAllTextAsync(path, "a much longer previous content");

        await AtomicFile.WriteAsync(path, stream => stream.WriteAsync(Encoding.UTF8.GetBytes("new")).AsTask());

        Assert.Equal("new", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Creates_missing_directories()
    {
        var path = _directory.Combine("out/reports/report.json");

        await AtomicFile.WriteAsync(path, stream => stream.WriteAsync(Encoding.UTF8.GetBytes("x")).AsTask());

        Assert.Equal("x", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task A_failed_write_leaves_no_partial_file()
    {
        var path = _directory.Combine("report.json");

        var error = await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, FailHalfwayAsync));

        Assert.Equal("disk full", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    [Fact]
    public async Task A_failed_write_leaves_the_previous_file_as_it_was()
    {
        var path = _directory.Combine("report.json");
        await File.WriteAllTextAsync(path, "previous");

        await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, FailHalfwayAsync));

        Assert.Equal("previous", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    private static async Task FailHalfwayAsync(Stream stream)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes("{\"partial\": "));
        await stream.FlushAsync();
        throw new IOException("disk full");
    }
}
