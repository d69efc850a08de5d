using System.Text;
using Rampart.Core.Files;

namespace Rampart.Core.Tests.Files;

public sealed class FileViewTests
{
    [Fact]
    public void Squash_UpperLayerWritesSamePath_UpperWins()
    {
        var view = FileView.Squash([Layer(0, File("/etc/os-release", "old")), Layer(1, File("/etc/os-release", "new"))]);

        var entry = view.Find("/etc/os-release")!;
        Assert.Equal(1, entry.Layer);
        Assert.Equal("new", Text(view, entry));
    }

    [Fact]
    public void Squash_Whiteout_DeletesPathAndEverythingBelowIt()
    {
        var lower = Layer(0, Dir("/opt/app"), File("/opt/app/bin", "x"), File("/opt/other", "y"));
        var upper = Layer(1);
        upper.AddWhiteout("/opt/app");

        var view = FileView.Squash([lower, upper]);

        Assert.Null(view.Find("/opt/app"));
        Assert.Null(view.Find("/opt/app/bin"));
        Assert.NotNull(view.Find("/opt/other"));
    }

    [Fact]
    public void Squash_Whiteout_DoesNotDeleteSiblingsSharingThePrefix()
    {
        var upper = Layer(1);
        upper.AddWhiteout("/etc/app");

        var view = FileView.Squash([Layer(0, File("/etc/app", "a"), File("/etc/app.conf", "b"), File("/etc/app-2/x", "c")), upper]);

        Assert.Null(view.Find("/etc/app"));
        Assert.NotNull(view.Find("/etc/app.conf"));
        Assert.NotNull(view.Find("/etc/app-2/x"));
    }

    [Fact]
    public void Squash_OpaqueDirectory_HidesLowerChildrenButKeepsUpperOnes()
    {
        var lower = Layer(0, Dir("/var/lib/apt"), File("/var/lib/apt/old", "o"), File("/var/lib/apt/sub/deep", "d"));
        var upper = Layer(1, File("/var/lib/apt/new", "n"));
        upper.AddOpaqueDirectory("/var/lib/apt");

        var view = FileView.Squash([lower, upper]);

        Assert.NotNull(view.Find("/var/lib/apt"));
        Assert.Null(view.Find("/var/lib/apt/old"));
        Assert.Null(view.Find("/var/lib/apt/sub/deep"));
        Assert.Equal(1, view.Find("/var/lib/apt/new")!.Layer);
    }

    [Fact]
    public void Squash_OpaqueThenLaterLayer_AppliesLayerByLayer()
    {
        var middle = Layer(1, File("/d/mid", "m"));
        middle.AddOpaqueDirectory("/d");
        var top = Layer(2, File("/d/top", "t"));

        var view = FileView.Squash([Layer(0, File("/d/base", "b")), middle, top]);

        Assert.Equal(["/d/mid", "/d/top"], view.Entries.Where(e => e.Path.StartsWith("/d/", StringComparison.Ordinal)).Select(e => e.Path));
    }

    [Fact]
    public void Squash_DirectoryReplacedByFile_RemovesTheSubtree()
    {
        var view = FileView.Squash([Layer(0, Dir("/srv"), File("/srv/data", "d")), Layer(1, File("/srv", "now a file"))]);

        Assert.Equal(FileKind.Regular, view.Find("/srv")!.Kind);
        Assert.Null(view.Find("/srv/data"));
    }

    [Fact]
    public void Squash_MissingParents_AreMadeAsDirectories()
    {
        var view = FileView.Squash([Layer(0, File("/a/b/c", "x"))]);

        Assert.Equal(FileKind.Directory, view.Find("/a")!.Kind);
        Assert.Equal(FileKind.Directory, view.Find("/a/b")!.Kind);
    }

    [Fact]
    public void OfLayer_ShowsWhatTheLayerWroteEvenIfLaterDeleted()
    {
        var layer = Layer(0, File("/tmp/secret", "token"));

        var view = FileView.OfLayer(layer);

        Assert.Equal("token", Text(view, view.Find("/tmp/secret")!));
    }

    [Fact]
    public void Resolve_MergedUsr_FollowsLibToUsrLib()
    {
        var view = FileView.Squash([Layer(0, Dir("/usr/lib"), File("/usr/lib/os-release", "ID=debian"), Link("/lib", "usr/lib"))]);

        Assert.Equal("/usr/lib/os-release", view.Resolve("/lib/os-release")!.Path);
    }

    [Fact]
    public void Resolve_RelativeTargetClimbingUp_IsFollowed()
    {
        var view = FileView.Squash([Layer(0, File("/usr/lib/os-release", "ID=debian"), Link("/etc/os-release", "../usr/lib/os-release"))]);

        Assert.Equal("/usr/lib/os-release", view.Resolve("/etc/os-release")!.Path);
    }

    [Fact]
    public void Resolve_AbsoluteTarget_IsFollowedWithinTheImage()
    {
        var view = FileView.Squash([Layer(0, File("/usr/bin/dash", "elf"), Link("/bin/sh", "/usr/bin/dash"))]);

        Assert.Equal("/usr/bin/dash", view.Resolve("/bin/sh")!.Path);
    }

    [Fact]
    public void Resolve_ChainOfLinks_FollowsEveryHop()
    {
        var view = FileView.Squash([Layer(0, File("/usr/lib/x", "x"), Link("/lib", "usr/lib"), Link("/lib64", "lib"), Link("/opt/x", "/lib64/x"))]);

        Assert.Equal("/usr/lib/x", view.Resolve("/opt/x")!.Path);
    }

    [Fact]
    public void Resolve_TargetClimbingAboveRoot_StopsAtTheRoot()
    {
        var view = FileView.Squash([Layer(0, File("/etc/passwd", "p"), Link("/a/escape", "../../../../etc/passwd"))]);

        Assert.Equal("/etc/passwd", view.Resolve("/a/escape")!.Path);
    }

    [Fact]
    public void Resolve_SymlinkLoop_ReturnsNull()
    {
        var view = FileView.Squash([Layer(0, Link("/a", "b"), Link("/b", "a"), Link("/self", "self"))]);

        Assert.Null(view.Resolve("/a"));
        Assert.Null(view.Resolve("/self/x"));
    }

    [Fact]
    public void Resolve_DanglingLink_ReturnsNull()
    {
        var view = FileView.Squash([Layer(0, Link("/etc/os-release", "../usr/lib/os-release"))]);

        Assert.Null(view.Resolve("/etc/os-release"));
    }

    [Fact]
    public void Resolve_Root_IsADirectory()
    {
        var view = FileView.Squash([Layer(0, File("/a", "a"))]);

        Assert.Equal(FileKind.Directory, view.Resolve("/")!.Kind);
    }

    [Fact]
    public void HardLink_CarriesTargetAndSizeAndCountsAsRegular()
    {
        var link = new FileEntry("/usr/bin/su2", FileKind.HardLink, UnixFileMode.SetUser | UnixFileMode.UserExecute, 0, 0, 2, "/usr/bin/su", 0);
        var layer = Layer(0, File("/usr/bin/su", "su"));
        layer.Add(link, Encoding.UTF8.GetBytes("su"));

        var view = FileView.Squash([layer]);

        var entry = view.Find("/usr/bin/su2")!;
        Assert.True(entry.IsRegular);
        Assert.True(entry.IsSetuid);
        Assert.Equal("/usr/bin/su", entry.LinkTarget);
        Assert.Equal("su", Text(view, entry));
    }

    [Fact]
    public void ReadContent_EntryFromAnotherLayer_ReturnsNull()
    {
        var lower = File("/etc/hosts", "lower");
        var view = FileView.Squash([Layer(0, lower), Layer(1, File("/etc/hosts", "upper"))]);

        Assert.Null(view.ReadContent(lower.Entry with { Layer = 0 }));
    }

    [Fact]
    public void ReadContent_FileWhoseBytesWereNotKept_ReturnsNullNotEmpty()
    {
        var unkept = (new FileEntry("/usr/bin/tool", FileKind.Regular, UnixFileMode.UserRead, 0, 0, 4096, null, 0), (byte[]?)null);
        var layer = Layer(0, unkept);

        Assert.Null(FileView.Squash([layer]).ReadContent(layer.Entries["/usr/bin/tool"]));
        Assert.Null(FileView.OfLayer(layer).ReadContent(layer.Entries["/usr/bin/tool"]));
        Assert.Null(layer.ContentOf("/usr/bin/tool"));
    }

    [Fact]
    public void Squash_Extracts_FollowTheirEntryThroughReplacementAndWhiteouts()
    {
        var lower = Layer(0);
        lower.Add(File("/opt/a", "a").Entry, null, Extract("kept of a"));
        lower.Add(File("/opt/b", "b").Entry, null, Extract("kept of b"));
        lower.Add(File("/opt/c", "c").Entry, null, Extract("kept of c"));
        var upper = Layer(1, File("/opt/b", "new b"));
        upper.AddWhiteout("/opt/c");

        var view = FileView.Squash([lower, upper]);

        Assert.Equal("kept of a", Encoding.UTF8.GetString(view.ReadExtract(view.Find("/opt/a")!, "inspector")!.Value.Span));
        Assert.Null(view.ReadExtract(view.Find("/opt/b")!, "inspector"));
        Assert.Null(view.Find("/opt/c"));
        Assert.Null(view.ReadExtract(view.Find("/opt/a")!, "another"));
        Assert.Null(view.ReadContent(view.Find("/opt/a")!));
        Assert.Equal(27, lower.RetainedBytes);
    }

    private static Dictionary<string, ReadOnlyMemory<byte>> Extract(string text) => new() { ["inspector"] = Encoding.UTF8.GetBytes(text) };

    private static (FileEntry Entry, byte[]? Content) File(string path, string content) =>
        (new FileEntry(path, FileKind.Regular, UnixFileMode.UserRead, 0, 0, content.Length, null, 0), Encoding.UTF8.GetBytes(content));

    private static (FileEntry Entry, byte[]? Content) Dir(string path) =>
        (new FileEntry(path, FileKind.Directory, UnixFileMode.UserRead | UnixFileMode.UserExecute, 0, 0, 0, null, 0), null);

    private static (FileEntry Entry, byte[]? Content) Link(string path, string target) =>
        (new FileEntry(path, FileKind.Symlink, UnixFileMode.UserRead, 0, 0, 0, target, 0), null);

    private static LayerContents Layer(int index, params (FileEntry Entry, byte[]? Content)[] entries)
    {
        var layer = new LayerContents(index);
        foreach (var (entry, content) in entries)
        {
            if (content is null)
            {
                layer.Add(entry with { Layer = index });
            }
            else
            {
                layer.Add(entry with { Layer = index }, content);
            }
        }

        return layer;
    }

    private static string? Text(FileView view, FileEntry entry) =>
        view.ReadContent(entry) is { } bytes ? Encoding.UTF8.GetString(bytes.Span) : null;
}
