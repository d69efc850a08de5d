using Rampart.Core.Dockerfiles;
using Rampart.Core.Images;

namespace Rampart.Rules.Tests.Dockerfiles;

public sealed class DockerfileHistoryTests
{
    private static HistoryEntry Entry(string createdBy, int? layer = null) => new(createdBy, null, null, layer is null, layer);

    [Fact]
    public void BuildKit_history_maps_onto_the_final_stage_and_leaves_the_base_unmapped()
    {
        var dockerfile = DockerfileParser.Parse(
            "FROM golang:1.22 AS build\nRUN go build -o /out/app\n" +
            "FROM debian:12\nARG VERSION=1\nRUN apt-get update && \\\n    apt-get install -y ca-certificates\nCOPY --from=build /out/app /app\nUSER 10001\nEXPOSE 8080\n");
        HistoryEntry[] history =
        [
            Entry("/bin/sh -c #(nop) ADD file:3a1b2c in / ", 0),
            Entry("/bin/sh -c #(nop)  CMD [\"bash\"]"),
            Entry("ARG VERSION=1 # buildkit"),
            Entry("RUN |1 VERSION=1 /bin/sh -c apt-get update &&     apt-get install -y ca-certificates # buildkit", 1),
            Entry("COPY /out/app /app # buildkit", 2),
            Entry("USER 10001 # buildkit"),
            Entry("EXPOSE map[8080/tcp:{}] # buildkit"),
        ];

        var map = DockerfileHistory.Map(dockerfile, history);

        Assert.Equal(new Dictionary<int, int> { [2] = 4, [3] = 5, [4] = 7, [5] = 8, [6] = 9 }, map.ToDictionary(p => p.Key, p => p.Value.Line));
    }

    [Fact]
    public void Classic_builder_history_without_ARG_entries_still_maps()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12\nARG TOKEN\nRUN make\nCOPY app.txt /srv/\n");
        HistoryEntry[] history =
        [
            Entry("Imported from -", 0),
            Entry("|1 TOKEN=abc /bin/sh -c make", 1),
            Entry("/bin/sh -c #(nop) COPY file:9f8e in /srv/ ", 2),
        ];

        var map = DockerfileHistory.Map(dockerfile, history);

        Assert.Equal(new Dictionary<int, int> { [1] = 3, [2] = 4 }, map.ToDictionary(p => p.Key, p => p.Value.Line));
    }

    [Fact]
    public void A_RUN_that_the_Dockerfile_does_not_contain_is_not_mapped()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12\nRUN make\n");
        HistoryEntry[] history = [Entry("Imported from -", 0), Entry("/bin/sh -c make install", 1)];

        Assert.Empty(DockerfileHistory.Map(dockerfile, history));
    }
}
