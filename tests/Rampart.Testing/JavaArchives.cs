using System.Diagnostics;
using System.Text;

namespace Rampart.Testing;

/// <summary>
/// Real Java archives, made with the JDK's <c>javac</c> and <c>jar</c> into a temporary folder that
/// <see cref="Dispose"/> deletes; meant as a collection or class fixture, so that a test run builds them once: Maven-built jars with the <c>pom.properties</c> and manifest Maven writes, a war
/// and a Spring Boot style jar with nested jars, and hostile ones (a zip bomb, a deep nesting, a crowded jar, an
/// oversized <c>pom.properties</c>), named by the constants below.
/// </summary>
public sealed class JavaArchives : IDisposable
{
    /// <summary>Maven layout: <c>META-INF/maven/org.example/commons-demo/pom.properties</c> 1.4.2, manifest with <c>Bundle-License: Apache-2.0</c>.</summary>
    public const string CommonsDemo = "commons-demo-1.4.2.jar";

    /// <summary>No pom.properties; the manifest gives version 2.0.1 and <c>Implementation-Vendor-Id: com.example.tools</c>.</summary>
    public const string Tool = "tool.jar";

    /// <summary>Only the file name says who it is: the manifest is the one <c>jar</c> writes.</summary>
    public const string LegacyLib = "legacy-lib-0.9.jar";

    /// <summary>A shaded jar: its own pom.properties (com.example/shaded-app 3.1.0) and slf4j-api 2.0.9's.</summary>
    public const string ShadedApp = "shaded-app-3.1.0.jar";

    /// <summary>com.example/shop 5.0.0 with <see cref="CommonsDemo"/> and <see cref="LegacyLib"/> in <c>WEB-INF/lib</c>.</summary>
    public const string ShopWar = "shop.war";

    /// <summary>Spring Boot style, entries stored uncompressed: com.example/boot-app 2.7.0 with <see cref="Tool"/> and <see cref="ShadedApp"/> in <c>BOOT-INF/lib</c>.</summary>
    public const string BootApp = "boot-app.jar";

    /// <summary><c>level0-1.0.jar</c> holds <c>lib/level1-1.0.jar</c>, which holds <c>lib/level2-1.0.jar</c>, ... down to level 5.</summary>
    public const string Nesting = "level0-1.0.jar";

    /// <summary>
    /// com.example/bomb 1.0 with <c>lib/payload.jar</c>, 8 MiB of zeros that are no zip file, and <c>lib/zeros-1.0.jar</c>,
    /// a real jar storing 8 MiB of zeros: each deflated to a few kilobytes.
    /// </summary>
    public const string Bomb = "bomb-1.0.jar";

    /// <summary>com.example/crowded 1.0 with 40 class files.</summary>
    public const string Crowded = "crowded-1.0.jar";

    /// <summary>com.example/padded 1.0 whose pom.properties has 2 MiB of comment lines before its keys.</summary>
    public const string PaddedPom = "padded-1.0.jar";

    /// <summary>com.example/large 2.0 with 40 MiB of random bytes: bigger than the 32 MiB a file selection keeps by default.</summary>
    public const string Large = "large-2.0.jar";

    /// <summary>Builds the archives (a few seconds of JVM start-ups); fails naming the tool when the JDK is missing.</summary>
    public JavaArchives()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("rampart-jars-").FullName;
        try
        {
            Build(new Builder(Directory));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The folder holding the archives.</summary>
    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private static void Build(Builder builder)
    {
        builder.Compile();
        builder.Jar(CommonsDemo, "org/example/demo", manifest: MavenManifest("commons-demo", "1.4.2") + "Bundle-License: Apache-2.0\n", poms: [("org.example", "commons-demo", "1.4.2")]);
        builder.Jar(Tool, "org/example/demo", manifest: "Implementation-Title: tool\nImplementation-Version: 2.0.1\nImplementation-Vendor-Id: com.example.tools\n");
        builder.Jar(LegacyLib, "org/example/demo");
        builder.Jar(ShadedApp, "org/example/demo", manifest: MavenManifest("shaded-app", "3.1.0"), poms: [("com.example", "shaded-app", "3.1.0"), ("org.slf4j", "slf4j-api", "2.0.9")]);
        builder.Jar(ShopWar, "com/example/shop", into: "WEB-INF/classes", poms: [("com.example", "shop", "5.0.0")], nested: [("WEB-INF/lib", CommonsDemo), ("WEB-INF/lib", LegacyLib)]);
        builder.Jar(
            BootApp,
            "com/example/shop",
            into: "BOOT-INF/classes",
            manifest: MavenManifest("boot-app", "2.7.0") + "Main-Class: org.springframework.boot.loader.JarLauncher\nStart-Class: com.example.shop.Shop\n",
            poms: [("com.example", "boot-app", "2.7.0")],
            nested: [("BOOT-INF/lib", Tool), ("BOOT-INF/lib", ShadedApp)],
            stored: true);

        for (var level = 5; level >= 0; level--)
        {
            builder.Jar($"level{level}-1.0.jar", "org/example/demo", nested: level == 5 ? [] : [("lib", $"level{level + 1}-1.0.jar")]);
        }

        builder.Jar("zeros-1.0.jar", "org/example/demo", extra: ("zeros.bin", new byte[8 * 1024 * 1024]), stored: true);
        builder.Jar(Bomb, "org/example/demo", poms: [("com.example", "bomb", "1.0")], nested: [("lib", "zeros-1.0.jar")], extra: ("lib/payload.jar", new byte[8 * 1024 * 1024]));
        builder.Jar(Crowded, "org/example/demo", poms: [("com.example", "crowded", "1.0")], copies: 40);
        var random = new byte[40 * 1024 * 1024];
        new Random(7).NextBytes(random);
        builder.Jar(Large, "org/example/demo", poms: [("com.example", "large", "2.0")], extra: ("data/random.bin", random));
        builder.Jar(PaddedPom, "org/example/demo", poms: [("com.example", "padded", "1.0")], pomPadding: 2 * 1024 * 1024);
    }

    /// <summary>What maven-jar-plugin 3.3 writes with <c>addDefaultImplementationEntries</c>.</summary>
    private static string MavenManifest(string artifactId, string version) =>
        $"Created-By: Maven JAR Plugin 3.3.0\nBuild-Jdk-Spec: 17\nImplementation-Title: {artifactId}\nImplementation-Version: {version}\n";

    private sealed class Builder(string root)
    {
        private readonly string _classes = Path.Combine(root, "classes");
        private int _staging;

        public void Compile()
        {
            var sources = Path.Combine(root, "src");
            Write(Path.Combine(sources, "org/example/demo/Greeter.java"),
                "package org.example.demo;\n\npublic final class Greeter {\n    public String greet(String name) {\n        return \"Hello, \" + name;\n    }\n}\n");
            Write(Path.Combine(sources, "com/example/shop/Shop.java"),
                "package com.example.shop;\n\npublic final class Shop {\n    public static void main(String[] args) {\n        System.out.println(new org.example.demo.Greeter().greet(\"shop\"));\n    }\n}\n");
            Run("javac", ["-d", _classes, "--release", "11", "-sourcepath", sources, Path.Combine(sources, "com/example/shop/Shop.java")]);
        }

        /// <summary>
        /// Stages <paramref name="classes"/> (a package folder of the compiled classes) under <paramref name="into"/>, the
        /// pom.properties and pom.xml Maven writes for each of <paramref name="poms"/>, copies of earlier archives, and runs
        /// <c>jar</c> on it with <paramref name="manifest"/>.
        /// </summary>
        public void Jar(
            string name,
            string classes,
            string into = "",
            string? manifest = null,
            (string Group, string Artifact, string Version)[]? poms = null,
            (string Directory, string Archive)[]? nested = null,
            (string Path, byte[] Content)? extra = null,
            int copies = 0,
            int pomPadding = 0,
            bool stored = false)
        {
            var stage = Path.Combine(root, "stage", (++_staging).ToString(System.Globalization.CultureInfo.InvariantCulture));
            CopyTree(Path.Combine(_classes, classes), Path.Combine(stage, into, classes));
            foreach (var (group, artifact, version) in poms ?? [])
            {
                var padding = new StringBuilder();
                while (padding.Length < pomPadding)
                {
                    padding.Append("#padding padding padding padding padding padding padding padding padding padding\n");
                }

                var maven = Path.Combine(stage, "META-INF", "maven", group, artifact);
                Write(Path.Combine(maven, "pom.properties"), $"#Created by Apache Maven 3.8.7\n{padding}groupId={group}\nartifactId={artifact}\nversion={version}\n");
                Write(Path.Combine(maven, "pom.xml"),
                    $"<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>{group}</groupId>\n  <artifactId>{artifact}</artifactId>\n  <version>{version}</version>\n</project>\n");
            }

            foreach (var (directory, archive) in nested ?? [])
            {
                File.Copy(Path.Combine(root, archive), Prepare(Path.Combine(stage, directory, archive)));
            }

            if (extra is var (path, content))
            {
                File.WriteAllBytes(Prepare(Path.Combine(stage, path)), content);
            }

            for (var i = 0; i < copies; i++)
            {
                File.Copy(Path.Combine(_classes, "org/example/demo/Greeter.class"), Path.Combine(stage, into, classes, $"Greeter{i}.class"));
            }

            var arguments = new List<string> { "--create", "--file", Path.Combine(root, name) };
            if (stored)
            {
                arguments.Add("--no-compress");
            }

            if (manifest is not null)
            {
                arguments.AddRange(["--manifest", Write(Path.Combine(root, "manifests", name + ".mf"), manifest)]);
            }

            arguments.AddRange(["-C", stage, "."]);
            Run("jar", arguments);
            System.IO.Directory.Delete(stage, recursive: true);
        }

        private static void CopyTree(string from, string to)
        {
            System.IO.Directory.CreateDirectory(to);
            foreach (var file in System.IO.Directory.GetFiles(from))
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }
        }

        private static string Write(string path, string text)
        {
            File.WriteAllText(Prepare(path), text);
            return path;
        }

        /// <summary><paramref name="path"/>, once its folder exists.</summary>
        private static string Prepare(string path)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return path;
        }

        private static void Run(string tool, IEnumerable<string> arguments)
        {
            // javac and jar print nothing on success; their complaints come on standard error, read whole once they end.
            var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException(
                    $"The Java archive fixtures are built with the JDK's {tool}, which cannot be run ({e.Message}); install a JDK (Debian: openjdk-17-jdk-headless).", e);
            }

            using (process)
            {
                var errors = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{tool} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {errors}");
                }
            }
        }
    }
}
