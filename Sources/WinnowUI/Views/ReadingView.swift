/// The reading view's body: metadata, image pane, dialogue (or diff) and the picker box.
struct ReadingView {
    let model: ReadingModel
    let layout: ReviewLayout
    let theme: Theme

    func render(into grid: inout ScreenGrid) {
        if let meta = layout.metadata {
            MetadataView(lines: model.metadata, sideBySide: layout.sideBySide, moreKey: model.metadataKey, theme: theme)
                .render(into: &grid, meta)
        }
        if let r = layout.image, let image = model.image { ImagePaneView(model: image, theme: theme).render(into: &grid, r) }
        if layout.sideBySide {
            let d = layout.dialogue
            for row in d.row..<(d.row + d.height) {
                grid.put("│", width: 1, row: row, column: d.width, style: theme.border)
            }
        }
        switch model.dialogue {
        case .diff(let diff): DiffPaneView(model: diff, theme: theme).render(into: &grid, layout.dialogue)
        case .dialogue(let dialogue): DialogueView(model: dialogue, theme: theme).render(into: &grid, layout.dialogue)
        case .message(let text, _): DialogueView.renderMessage(text, theme: theme, into: &grid, layout.dialogue)
        }
        if let stats = model.stats { StatsPanelView(model: stats, theme: theme).render(into: &grid, layout.dialogue) }
        if let picker = model.picker { PickerView(model: picker, theme: theme).render(into: &grid) }
    }
}
