using MusicGen.Core.Storage;

namespace MusicGen.Core.Tests.Storage;

public sealed class StorageKeysTests
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 22, 4, 5, 6, 789, TimeSpan.Zero);
    private static readonly Guid GenerationId = Guid.Parse("0123abcd-0000-7000-8000-00000000beef");

    [Fact]
    public void TrackBase_FollowsTheDesignConvention()
    {
        StorageKeys.TrackBase(CreatedAt, "Rainy Day", GenerationId, 1).ShouldBe("music/2026-11-22T04-05-06-789Z_Rainy_Day_00000000beef_1");
    }

    [Fact]
    public void TrackBase_IsTheSameForEveryAttempt_AndDiffersPerVariant()
    {
        var first = StorageKeys.TrackBase(CreatedAt, "x", GenerationId, 0);
        StorageKeys.TrackBase(CreatedAt, "x", GenerationId, 0).ShouldBe(first);
        StorageKeys.TrackBase(CreatedAt, "x", GenerationId, 1).ShouldNotBe(first);
    }

    [Fact]
    public void TrackBase_DiffersForGenerationsOfTheSameNameCreatedInTheSameMillisecond()
    {
        // Version-7 ids created together share their leading (timestamp) digits.
        var keys = Enumerable.Range(0, 1000).Select(_ => StorageKeys.TrackBase(CreatedAt, "Same", Guid.CreateVersion7(CreatedAt), 0)).ToList();
        keys.Distinct().Count().ShouldBe(keys.Count);
    }

    [Fact]
    public void TrackBase_UsesUtc_WhateverTheOffsetGiven()
    {
        StorageKeys.TrackBase(CreatedAt.ToOffset(TimeSpan.FromHours(5)), "x", GenerationId, 0)
            .ShouldBe(StorageKeys.TrackBase(CreatedAt, "x", GenerationId, 0));
    }

    [Theory]
    [InlineData("../../etc/passwd", "______etc_passwd")]
    [InlineData("a/b\\c", "a_b_c")]
    [InlineData("  ", "untitled")]
    [InlineData("café ☕", "caf___")]
    [InlineData("ok-name_1", "ok-name_1")]
    public void Sanitize_KeepsOnlySafeCharacters(string input, string expected)
    {
        StorageKeys.Sanitize(input).ShouldBe(expected);
    }

    [Fact]
    public void Sanitize_BoundsTheLength()
    {
        StorageKeys.Sanitize(new string('a', 500)).Length.ShouldBe(60);
    }

    [Fact]
    public void StemsAndMidi_SitBesideTheAudio()
    {
        var trackBase = StorageKeys.TrackBase(CreatedAt, "x", GenerationId, 0);
        StorageKeys.Audio(trackBase, "mp3").ShouldBe(trackBase + ".mp3");
        StorageKeys.Stem(trackBase, "drums", "wav").ShouldBe(trackBase + "_stem-drums.wav");
        StorageKeys.Midi(trackBase).ShouldBe(trackBase + ".mid");
    }
}
