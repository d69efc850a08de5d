using System.Text;
using Rampart.Catalogers.Java;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Files;
using Rampart.Testing;

namespace Rampart.Catalogers.Tests.Java;

/// <summary>The archive reader, through its inspector, on real archives the JDK's jar tool made (<see cref="JavaArchives"/>), hostile ones included.</summary>
[Collection(JavaArchivesFixture.Name)]
public sealed class JavaArchiveTests(JavaArchives jars)
{
    private readonly List<string> _warnings = [];

    private List<JavaArtifact> Read(string name, string path, JavaArchiveLimits? limits = null) =>
        Read(jars.Bytes(name), path, limits);

    private List<JavaArtifact> Read(byte[] bytes, string path, JavaArchiveLimits? limits = null) =>
        ContentInspection.Inspect([new JavaArchiveInspector(limits ?? JavaArchiveLimits.Default)], bytes)?[JavaArchiveInspector.InspectorName] is { } extract
            ? [.. JavaArchive.Read(extract, path, _warnings.Add)]
            : [];

    private static string Coordinates(JavaArtifact a) => $"{a.GroupId}/{a.ArtifactId}@{a.Version} {a.Location}";

    [Fact]
    public void A_maven_jar_is_its_pom_properties_with_the_manifest_license()
    {
        var artifact = Assert.Single(Read(JavaArchives.CommonsDemo, "/opt/app/commons-demo-1.4.2.jar"));

        Assert.Equal(new JavaArtifact("org.example", "commons-demo", "1.4.2", artifact.Licenses, "/opt/app/commons-demo-1.4.2.jar"), artifact);
        Assert.Equal(["Apache-2.0"], artifact.Licenses);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Without_pom_properties_the_manifest_gives_version_and_group()
    {
        Assert.Equal(["com.example.tools/tool@2.0.1 /tool.jar"], Read(JavaArchives.Tool, "/tool.jar").Select(Coordinates));
    }

    [Fact]
    public void With_nothing_but_the_file_name_the_group_is_the_name()
    {
        Assert.Equal(["legacy-lib/legacy-lib@0.9 /lib/legacy-lib-0.9.jar"], Read(JavaArchives.LegacyLib, "/lib/legacy-lib-0.9.jar").Select(Coordinates));
    }

    [Fact]
    public void A_shaded_jar_yields_every_artifact_it_holds()
    {
        Assert.Equal(
            ["com.example/shaded-app@3.1.0 /opt/shaded-app-3.1.0.jar", "org.slf4j/slf4j-api@2.0.9 /opt/shaded-app-3.1.0.jar"],
            Read(JavaArchives.ShadedApp, "/opt/shaded-app-3.1.0.jar").Select(Coordinates));
    }

    [Fact]
    public void Jars_in_a_war_are_read_with_their_path_inside_it()
    {
        Assert.Equal(
            [
                "com.example/shop@5.0.0 /srv/shop.war",
                "org.example/commons-demo@1.4.2 /srv/shop.war:WEB-INF/lib/commons-demo-1.4.2.jar",
                "legacy-lib/legacy-lib@0.9 /srv/shop.war:WEB-INF/lib/legacy-lib-0.9.jar",
            ],
            Read(JavaArchives.ShopWar, "/srv/shop.war").Select(Coordinates));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Stored_jars_in_a_spring_boot_jar_are_read()
    {
        Assert.Equal(
            [
                "com.example/boot-app@2.7.0 /app/boot-app.jar",
                "com.example/shaded-app@3.1.0 /app/boot-app.jar:BOOT-INF/lib/shaded-app-3.1.0.jar",
                "org.slf4j/slf4j-api@2.0.9 /app/boot-app.jar:BOOT-INF/lib/shaded-app-3.1.0.jar",
                "com.example.tools/tool@2.0.1 /app/boot-app.jar:BOOT-INF/lib/tool.jar",
            ],
            Read(JavaArchives.BootApp, "/app/boot-app.jar").Select(Coordinates));
    }

    [Fact]
    public void Nesting_is_followed_down_to_the_depth_limit_and_the_deeper_archive_is_named()
    {
        var found = Read(JavaArchives.Nesting, "/n/level0-1.0.jar", new JavaArchiveLimits { MaxDepth = 3 });

        Assert.Equal(["level0", "level1", "level2", "level3"], found.Select(a => a.ArtifactId));
        Assert.Equal("/n/level0-1.0.jar:lib/level1-1.0.jar:lib/level2-1.0.jar:lib/level3-1.0.jar", found[3].Location);
        var warning = Assert.Single(_warnings);
        Assert.StartsWith("lib/level1-1.0.jar:lib/level2-1.0.jar:lib/level3-1.0.jar:lib/level4-1.0.jar: nested more than 3 archives deep", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_depth_reads_real_nesting_whole()
    {
        Assert.Equal(6, Read(JavaArchives.Nesting, "/n/level0-1.0.jar").Count);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void A_zip_bomb_stops_at_the_inflation_limit_with_a_warning_and_keeps_what_was_found()
    {
        var found = Read(JavaArchives.Bomb, "/b/bomb-1.0.jar", new JavaArchiveLimits { MaxInflatedBytes = 1024 * 1024 });

        // The nested jar's manifest comes before its stored zeros, so it was read before the limit stopped the reading.
        Assert.Equal(["com.example/bomb@1.0 /b/bomb-1.0.jar", "zeros/zeros@1.0 /b/bomb-1.0.jar:lib/zeros-1.0.jar"], found.Select(Coordinates));
        var warning = Assert.Single(_warnings, w => !w.StartsWith("lib/payload.jar: ", StringComparison.Ordinal));
        Assert.StartsWith("lib/zeros-1.0.jar: inflates past 1048576 bytes", warning, StringComparison.Ordinal);
        Assert.Contains("the 2 artifacts found before are reported", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nested_entry_that_is_no_zip_is_skipped_with_a_warning_without_inflating_the_rest()
    {
        var found = Read(JavaArchives.Bomb, "/b/bomb-1.0.jar", new JavaArchiveLimits { MaxInflatedBytes = 9 * 1024 * 1024 });

        Assert.Equal(["bomb", "zeros"], found.Select(a => a.ArtifactId));
        Assert.StartsWith("lib/payload.jar: not a readable zip archive", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void An_archive_with_more_entries_than_the_limit_is_read_up_to_the_limit()
    {
        Read(JavaArchives.Crowded, "/c/crowded-1.0.jar", new JavaArchiveLimits { MaxEntries = 20 });

        Assert.StartsWith("holds more than 20 entries, the limit for one archive with its nested archives", Assert.Single(_warnings), StringComparison.Ordinal);
        Assert.Empty(Read(JavaArchives.Crowded, "/c/crowded-1.0.jar", new JavaArchiveLimits { MaxEntries = 1 }));
    }

    [Fact]
    public void An_oversized_pom_properties_is_skipped_and_the_file_name_still_names_the_jar()
    {
        Assert.Equal(["padded/padded@1.0 /p/padded-1.0.jar"], Read(JavaArchives.PaddedPom, "/p/padded-1.0.jar").Select(Coordinates));
        Assert.StartsWith("META-INF/maven/com.example/padded/pom.properties: larger than 1048576 bytes inflated", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_archive_is_skipped_with_a_warning()
    {
        var bytes = jars.Bytes(JavaArchives.CommonsDemo);

        Assert.Empty(Read(bytes[..(bytes.Length / 2)], "/t/commons-demo-1.4.2.jar"));
        Assert.StartsWith("not a readable zip archive", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_nested_jar_is_skipped_and_its_siblings_are_read()
    {
        var war = jars.Bytes(JavaArchives.ShopWar);
        CorruptData(war, "WEB-INF/lib/commons-demo-1.4.2.jar");

        Assert.Equal(["shop", "legacy-lib"], Read(war, "/srv/shop.war").Select(a => a.ArtifactId));
        Assert.StartsWith("WEB-INF/lib/commons-demo-1.4.2.jar: corrupt entry", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    /// <summary>Overwrites the first bytes of an entry's data, found after its local file header (APPNOTE.TXT 4.3.7).</summary>
    private static void CorruptData(byte[] zip, string entry)
    {
        var name = Encoding.ASCII.GetBytes(entry);
        for (var at = 0; at < zip.Length - 30; at++)
        {
            if (zip[at] == 'P' && zip[at + 1] == 'K' && zip[at + 2] == 3 && zip[at + 3] == 4 && zip.AsSpan(at + 30).StartsWith(name))
            {
                var data = at + 30 + name.Length + BitConverter.ToUInt16(zip, at + 28);
                zip.AsSpan(data, 32).Fill(0xFF);
                return;
            }
        }

        throw new InvalidOperationException($"no local header for {entry}");
    }
}
