import { describe, expect, it } from "vitest";
import {
  movePlacement,
  orderText,
  placeAt,
  placedAnnouncement,
  placementRanks,
  ranksBySlot,
  removePlacement,
  toggleTie,
  type Placement,
} from "./ranking-order";

const order = (text: string): Placement[] =>
  text.split(" ").reduce<Placement[]>((out, t, i, all) => {
    if (t !== "=") out.push({ slot: Number(t) - 1, tie: all[i - 1] === "=" });
    return out;
  }, []);

describe("the ranking page's order", () => {
  it("ranks ties as the place above and the next by its own place, by slot for the server", () => {
    const placed = order("2 3 = 1");
    expect(placementRanks(placed)).toEqual([1, 2, 2]);
    expect(ranksBySlot(placed, 3)).toEqual([2, 1, 2]);
    expect(placementRanks(order("1 = 2 = 3 4"))).toEqual([1, 1, 1, 4]);
    expect(orderText(placed)).toBe("2 3 = 1");
  });

  it("moves a placement (a drag or an arrow key), dropping its own tie; the first never ties", () => {
    const placed = order("2 3 = 1");
    expect(orderText(movePlacement(placed, 2, 0))).toBe("1 2 3");
    // 3 leads now; 1 still ties with 3, the image above it.
    expect(orderText(movePlacement(placed, 0, 2))).toBe("3 = 1 2");
    expect(orderText(movePlacement(placed, 1, 0))).toBe("3 2 = 1");
    expect(orderText(movePlacement(placed, 0, 99))).toBe(orderText(movePlacement(placed, 0, 2)));
    expect(movePlacement(placed, 5, 0)).toEqual(placed);
  });

  it("places a new image anywhere (a drop from the images), or moves one already placed", () => {
    expect(orderText(placeAt(order("2 3"), 0, 1))).toBe("2 1 3");
    expect(orderText(placeAt(order("2 3"), 0, 9))).toBe("2 3 1");
    // Already placed: moved, not placed twice.
    expect(orderText(placeAt(order("2 3 1"), 0, 0))).toBe("1 2 3");
  });

  it("toggles a tie with the image above, never on the first, and announces where an image is", () => {
    expect(orderText(toggleTie(order("2 3 1"), 2))).toBe("2 3 = 1");
    expect(orderText(toggleTie(order("2 3 = 1"), 2))).toBe("2 3 1");
    expect(orderText(toggleTie(order("2 3 1"), 0))).toBe("2 3 1");
    expect(placedAnnouncement(order("2 3 = 1"), 0)).toBe("Image 1 at place 3 of 3, rank 2, tied with image 3.");
    expect(orderText(removePlacement(order("2 = 3 1"), 1))).toBe("3 1");
    expect(placedAnnouncement(order("2 3"), 0)).toBe("Image 1 taken out of the order.");
  });
});
