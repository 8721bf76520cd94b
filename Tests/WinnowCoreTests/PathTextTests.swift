import Testing
import WinnowCore

@Suite struct PathTextTests {
    @Test func oneCharacterPathsDoNotTrap() {
        // NSString's path methods trap on these in this Foundation; PathText must not.
        #expect(PathText.lastComponent("a") == "a")
        #expect(PathText.parent("a") == "")
        #expect(PathText.lastComponent(".") == ".")
        #expect(PathText.parent(".") == "")
    }

    @Test func componentsAndJoins() {
        #expect(PathText.lastComponent("/x/y/data.json") == "data.json")
        #expect(PathText.parent("/x/y/data.json") == "/x/y")
        #expect(PathText.parent("/data.json") == "/")
        #expect(PathText.parent("/x/y/") == "/x")
        #expect(PathText.lastComponent("/") == "/")
        #expect(PathText.join("", "a.jpg") == "a.jpg")
        #expect(PathText.join("/r/", "a.jpg") == "/r/a.jpg")
        #expect(PathText.join("/r", "img/a.jpg") == "/r/img/a.jpg")
        #expect(PathText.fileExtension("x/a.json") == "json")
        #expect(PathText.fileExtension(".hidden") == "")
    }

    @Test func imageLocatorHandlesRelativeOneLetterDatasetPath() {
        let locator = ImageLocator(imageRoot: nil, datasetPath: "d")
        #expect(locator.searchFolders.count >= 1)
        #expect(locator.resolve("nope.jpg").exists == false)
    }
}
