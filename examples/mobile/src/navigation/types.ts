export type RootStackParamList = {
  Login: undefined;
  Orders: undefined;
  OrderDetail: { orderId: string };
  HelpCenter: { url?: string } | undefined;
};
