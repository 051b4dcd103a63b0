import FluentKit

/// Every migration, in the order it runs. Append new ones at the end; never reorder or edit a
/// migration that has shipped — write a new one.
public enum AllMigrations {
    public static let ordered: [any Migration] = [
        CreateCategories(),
        CreateTools(),
        CreatePersonas(),
        CreatePanelRuns(),
        CreateReviews(),
        CreateUsersAndSessions(),
        CreateVotes(),
        CreateBookmarks(),
        CreateNewsletter(),
        CreateJobs(),
        CreateToolSearch(),
        CreateSiteSecrets(),
        CreatePanelRunGuards(),
        CreatePanelDrafts(),
        CreateAPITokens(),
        CreateScaleIndexes(),
        StoreSearchDocument(),
        AddReviewIntegrity(),
        AddPanelRunPurpose(),
        CreatePairwise(),
        CreatePairwiseDrafts(),
    ]
}
