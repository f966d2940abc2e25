using System.Text;
using MusicGen.Core.Storage;
using MusicGen.Testing.Storage;

namespace MusicGen.Core.Tests.Storage;

/// <summary>What every <see cref="IBlobStore"/> must do, run against the folder store and a real s3rver.</summary>
public abstract class BlobStoreContractTests
{
    protected abstract IBlobStore Store { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewKey(string extension = "mp3") => $"{StorageKeys.Prefix}test_{Guid.NewGuid():N}.{extension}";

    [Fact]
    public async Task Put_ThenOpenRead_ReturnsTheBytesAndContentType()
    {
        var key = NewKey();
        var content = Encoding.UTF8.GetBytes("ID3 not really an mp3");
        await Store.PutAsync(key, content, "audio/mpeg", new Dictionary<string, string> { ["generation-id"] = "abc" }, Ct);

        await using var blob = await Store.OpenReadAsync(key, null, Ct);
        blob.ShouldNotBeNull();
        blob.ContentType.ShouldBe("audio/mpeg");
        blob.Offset.ShouldBe(0);
        blob.Length.ShouldBe(content.Length);
        blob.TotalLength.ShouldBe(content.Length);
        (await ReadAllAsync(blob.Content)).ShouldBe(content);
    }

    [Fact]
    public async Task Put_ThreeMegabytes_IsStoredByteForByte()
    {
        // S3-compatible servers store aws-chunked framing verbatim unless chunk encoding is off.
        var key = NewKey("wav");
        var content = new byte[3_000_000];
        new Random(7).NextBytes(content);
        await Store.PutAsync(key, content, "audio/wav", null, Ct);

        await using var blob = await Store.OpenReadAsync(key, null, Ct);
        blob!.TotalLength.ShouldBe(content.Length);
        (await ReadAllAsync(blob.Content)).ShouldBe(content);
    }

    [Fact]
    public async Task OpenRead_WithRange_ReturnsThatSliceAndWhereItSits()
    {
        var key = NewKey();
        var content = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        await Store.PutAsync(key, content, "audio/mpeg", null, Ct);

        await using (var middle = await Store.OpenReadAsync(key, new ByteRange(100, 199), Ct))
        {
            middle!.Offset.ShouldBe(100);
            middle.Length.ShouldBe(100);
            middle.TotalLength.ShouldBe(1000);
            (await ReadAllAsync(middle.Content)).ShouldBe(content[100..200]);
        }

        await using var tail = await Store.OpenReadAsync(key, new ByteRange(990, null), Ct);
        tail!.Offset.ShouldBe(990);
        tail.Length.ShouldBe(10);
        (await ReadAllAsync(tail.Content)).ShouldBe(content[990..]);
    }

    [Fact]
    public async Task OpenRead_RangePastTheEnd_Throws()
    {
        var key = NewKey();
        await Store.PutAsync(key, new byte[10], "audio/mpeg", null, Ct);

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Store.OpenReadAsync(key, new ByteRange(50, null), Ct));
    }

    [Fact]
    public async Task OpenRead_MissingBlob_IsNull()
    {
        (await Store.OpenReadAsync(NewKey(), null, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Put_SameKeyTwice_Overwrites()
    {
        var key = NewKey();
        await Store.PutAsync(key, "first"u8.ToArray(), "audio/mpeg", null, Ct);
        await Store.PutAsync(key, "second"u8.ToArray(), "audio/wav", null, Ct);

        await using var blob = await Store.OpenReadAsync(key, null, Ct);
        blob!.ContentType.ShouldBe("audio/wav");
        Encoding.UTF8.GetString(await ReadAllAsync(blob.Content)).ShouldBe("second");
        (await ListAsync(key)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Delete_RemovesTheBlob_AndMissingBlobsAreFine()
    {
        var key = NewKey();
        await Store.PutAsync(key, new byte[5], "audio/mpeg", null, Ct);

        await Store.DeleteAsync(key, Ct);
        await Store.DeleteAsync(key, Ct);

        (await Store.OpenReadAsync(key, null, Ct)).ShouldBeNull();
        (await ListAsync(key)).ShouldBeEmpty();
    }

    [Fact]
    public async Task List_ReturnsOnlyKeysWithThePrefix_WithTheirSizes()
    {
        var prefix = $"{StorageKeys.Prefix}list_{Guid.NewGuid():N}_";
        await Store.PutAsync(prefix + "0.mp3", new byte[3], "audio/mpeg", null, Ct);
        await Store.PutAsync(prefix + "0.mid", new byte[4], "audio/midi", null, Ct);
        await Store.PutAsync(NewKey(), new byte[5], "audio/mpeg", null, Ct);

        var listed = await ListAsync(prefix);

        listed.Select(b => (b.Key, b.Size)).OrderBy(b => b.Key).ShouldBe([(prefix + "0.mid", 4L), (prefix + "0.mp3", 3L)]);
        listed.ShouldAllBe(b => b.LastModified > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    protected async Task<List<BlobInfo>> ListAsync(string prefix)
    {
        var list = new List<BlobInfo>();
        await foreach (var blob in Store.ListAsync(prefix, Ct))
        {
            list.Add(blob);
        }

        return list;
    }

    protected static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, Ct);
        return buffer.ToArray();
    }
}

public sealed class FileSystemBlobStoreTests : BlobStoreContractTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("musicgen-blobs-").FullName;

    public FileSystemBlobStoreTests() => Store = new FileSystemBlobStore(_root);

    protected override IBlobStore Store { get; }

    [Theory]
    [InlineData("../escape.mp3")]
    [InlineData("/etc/passwd")]
    [InlineData("music/../../escape.mp3")]
    [InlineData("music//x.mp3")]
    public async Task Put_KeyLeavingTheRoot_IsRefused(string key)
    {
        await Should.ThrowAsync<ArgumentException>(() => Store.PutAsync(key, new byte[1], "audio/mpeg", null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void PresignedUrl_IsNull_SoTheApiServesTheFile()
    {
        Store.GetPresignedUrl("music/x.mp3", TimeSpan.FromMinutes(5), "x.mp3").ShouldBeNull();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

public sealed class S3BlobStoreTests(S3rverFixture fixture) : BlobStoreContractTests, IClassFixture<S3rverFixture>
{
    private IBlobStore? _store;

    protected override IBlobStore Store => _store ??= new S3BlobStore(S3BlobStore.CreateClient(StorageConnection.Parse(fixture.Server.ConnectionString)), fixture.Server.Bucket);

    [Fact]
    public async Task PresignedUrl_DownloadsTheBlobWithoutCredentials()
    {
        var key = $"{StorageKeys.Prefix}presigned_{Guid.NewGuid():N}.mp3";
        await Store.PutAsync(key, "signed bytes"u8.ToArray(), "audio/mpeg", null, TestContext.Current.CancellationToken);

        var url = Store.GetPresignedUrl(key, TimeSpan.FromMinutes(5), "My Song.mp3");

        url.ShouldNotBeNull();
        using var http = new HttpClient();
        using var response = await http.GetAsync(url, TestContext.Current.CancellationToken);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("signed bytes");
        response.Content.Headers.ContentDisposition?.FileName?.Trim('"').ShouldBe("My Song.mp3");
    }
}
